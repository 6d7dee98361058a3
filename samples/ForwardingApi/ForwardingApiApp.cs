using System.Net.Http.Headers;
using AmplifyAuthHandlers;
using AmplifyAuthHandlers.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Samples.ForwardingApi;

/// <summary>
/// The forwarding API: <c>GET /orders</c> calls the downstream AMAZON_COGNITO_USER_POOLS API with the caller's
/// token; <c>GET /reports</c> calls the downstream AWS_IAM API signed with credentials the identity pool gave for the
/// caller's ID token. A call without a token answers 401 and sends nothing downstream.
/// </summary>
public sealed class ForwardingApiApp : IAsyncDisposable
{
    private readonly SampleBackend _backend;

    private ForwardingApiApp(WebApplication web, SampleBackend backend)
    {
        Web = web;
        _backend = backend;
    }

    /// <summary>Gets the web application (not started).</summary>
    public WebApplication Web { get; }

    /// <summary>Gets the Amplify configuration file the app uses.</summary>
    public string ConfigurationFile => _backend.ConfigurationFile;

    /// <summary>Gets the emulator running in this process, or <see langword="null"/> with a real configuration.</summary>
    public LocalAmplifyBackend? Emulator => _backend.Emulator;

    /// <summary>Builds the app; <c>--Amplify:ConfigurationFile=path</c> points it at a real Amplify app.</summary>
    public static async Task<ForwardingApiApp> CreateAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Amplify:ConfigurationFile empty (the default): start the local emulator and use the file it writes.
        var backend = await SampleBackend.StartAsync(builder.Configuration, output, SampleBackend.IamAndUserPoolApis, cancellationToken);
        try
        {
            var downstream = builder.Configuration.GetSection("Sample").Get<DownstreamOptions>() ?? new DownstreamOptions();
            builder.Services.AddAmplifyRestApi(backend.ConfigurationFile);

            // The incoming Authorization: Bearer <token> goes to user-pool (and OIDC) APIs; for AWS_IAM APIs the same
            // token, the caller's Cognito ID token, is exchanged at the identity pool for authenticated-role
            // credentials, cached per caller. Send the ID token: API Gateway's Cognito authorizer wants it unless the
            // method has OAuth scopes, and it is what the identity pool accepts.
            //
            // The policy, stated: this sample does not authenticate its callers itself (a real service would, e.g. with
            // AddJwtBearer against the user pool's issuer, and then keep the default RequireAuthenticatedCaller = true),
            // so it lets the downstream APIs and the identity pool judge the token. A caller without an ID token is
            // refused on the AWS_IAM route; AllowGuestCredentials = true would sign it with the guest role instead.
            builder.Services.AddAmplifyCallerTokenForwarding(o =>
            {
                o.RequireAuthenticatedCaller = false;
                o.AllowGuestCredentials = false;
            });

            // The library's exceptions become RFC 9457 problem details: 401 not signed in, 502 upstream failure,
            // 503 credentials unavailable; never a token or an upstream body.
            builder.Services.AddAmplifyProblemDetails();

            var web = builder.Build();
            web.UseExceptionHandler();
            web.MapGet("/orders", (IAmplifyRestApi api, CancellationToken ct) => ForwardAsync(api, downstream.UserPoolApi, "/orders", ct));
            web.MapGet("/reports", (IAmplifyRestApi api, CancellationToken ct) => ForwardAsync(api, downstream.IamApi, "/reports", ct));
            return new ForwardingApiApp(web, backend);
        }
        catch
        {
            await backend.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// With the emulator, plays a client app once: signs the demo user in (as an Amplify front end would), calls this
    /// API's routes with the user's ID token and once without a token, and prints what each answered. Call it after
    /// <see cref="WebApplication"/> has started. Never prints the token.
    /// </summary>
    /// <returns>The status each call answered: <c>/orders</c>, <c>/reports</c>, then <c>/orders</c> without a token.</returns>
    public async Task<IReadOnlyList<int>> CallAsDemoUserAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var emulator = Emulator ?? throw new InvalidOperationException("The demo caller needs the local emulator (Amplify:ConfigurationFile empty).");
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o =>
        {
            o.Auth.UserPool = new CognitoUserPoolOptions
            {
                PoolId = emulator.Cognito.UserPoolId,
                AppClientId = emulator.Cognito.DefaultClient.ClientId,
                Region = emulator.Region,
                Endpoint = emulator.Cognito.CognitoIdentityProviderUrl,
            };
        });
        await using var client = services.BuildServiceProvider(validateScopes: true);
        var auth = client.GetRequiredService<IAmplifyAuth>();
        var user = _backend.User!;
        await auth.SignInAsync(user.Username, user.Password, cancellationToken);
        var idToken = (await auth.FetchSessionAsync(cancellationToken: cancellationToken)).UserPoolTokens!.IdToken;

        var address = Web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var statuses = new List<int>();
        foreach (var (path, token) in new[] { ("/orders", idToken), ("/reports", idToken), ("/orders", null) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            statuses.Add((int)response.StatusCode);
            var who = token is null ? "without a token" : $"as '{user.Username}'";
            await output.WriteLineAsync($"GET {path} {who} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        await auth.SignOutAsync(cancellationToken: cancellationToken);
        return statuses;
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private static async Task<IResult> ForwardAsync(IAmplifyRestApi api, string apiName, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.GetAsync(apiName, path, cancellationToken: cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return Results.Content(body, response.Content.Headers.ContentType?.ToString() ?? "application/json", statusCode: (int)response.StatusCode);
        }
        catch (AmplifyHttpStatusException ex) when ((int)ex.StatusCode is >= 400 and < 500)
        {
            // The downstream API refused the caller (401, 403, 404): pass its refusal on. Everything else, including
            // AmplifyNotSignedInException (no usable caller token: nothing was sent), goes to AddAmplifyProblemDetails.
            return Results.Content(ex.Body ?? string.Empty, "application/json", statusCode: (int)ex.StatusCode);
        }
    }

    /// <summary>The <c>Sample</c> section: which downstream APIs to call. The defaults are the emulator's names.</summary>
    private sealed class DownstreamOptions
    {
        public string UserPoolApi { get; set; } = "userPools";

        public string IamApi { get; set; } = "iam";
    }
}
