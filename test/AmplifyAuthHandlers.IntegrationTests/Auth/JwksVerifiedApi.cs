using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.IntegrationTests.Auth;

/// <summary>
/// A loopback API that plays API Gateway's Cognito authorizer: it takes the raw <c>Authorization</c> header,
/// verifies the JWT's RS256 signature against cognito-local's JWKS, its expiry and its <c>token_use</c>, and
/// answers with the token's subject and use — or 401.
/// </summary>
internal sealed class JwksVerifiedApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private JwksVerifiedApi(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<JwksVerifiedApi> StartAsync(Uri cognitoEndpoint, string userPoolId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        using var http = new HttpClient();
        var jwks = await http.GetStringAsync(new Uri(cognitoEndpoint, $"{userPoolId}/.well-known/jwks.json"));
        var keys = JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray()
            .ToDictionary(k => k.GetProperty("kid").GetString()!, k => (N: Base64Url(k.GetProperty("n").GetString()!), E: Base64Url(k.GetProperty("e").GetString()!)));

        app.MapGet("/dev/whoami", (HttpRequest request) =>
        {
            var token = request.Headers.Authorization.ToString();
            return Verify(token, keys) is { } claims
                ? Results.Json(new Dictionary<string, string> { ["sub"] = claims.GetProperty("sub").GetString()!, ["token_use"] = claims.GetProperty("token_use").GetString()! })
                : Results.StatusCode((int)HttpStatusCode.Unauthorized);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new JwksVerifiedApi(app, new Uri(address + "/dev"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static JsonElement? Verify(string token, Dictionary<string, (byte[] N, byte[] E)> keys)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var header = JsonDocument.Parse(Base64Url(parts[0])).RootElement;
        if (header.GetProperty("alg").GetString() != "RS256" || !keys.TryGetValue(header.GetProperty("kid").GetString() ?? string.Empty, out var key))
        {
            return null;
        }

        using var rsa = RSA.Create(new RSAParameters { Modulus = key.N, Exponent = key.E });
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!rsa.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return null;
        }

        var claims = JsonDocument.Parse(Base64Url(parts[1])).RootElement;
        return DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64()) > DateTimeOffset.UtcNow ? claims : null;
    }

    private static byte[] Base64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
