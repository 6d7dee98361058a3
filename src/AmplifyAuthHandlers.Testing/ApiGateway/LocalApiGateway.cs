using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using AmplifyAuthHandlers.Testing.ApiGateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace AmplifyAuthHandlers.Testing;

/// <summary>
/// An in-process API Gateway on loopback: one REST API per Amplify <c>authorizationType</c> (NONE, API_KEY, AWS_IAM,
/// AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT, AWS_LAMBDA), each deployed to one stage at
/// <c>http://127.0.0.1:{port}/{api}/{stage}</c>, verifying requests as API Gateway does and answering its errors.
/// </summary>
/// <example>
/// <code>
/// await using var gateway = await LocalApiGateway.StartAsync(new LocalApiGatewayOptions { StaticCredentials = { creds } });
/// var url = gateway.Endpoints["AWS_IAM"];
/// </code>
/// </example>
public sealed class LocalApiGateway : IAsyncDisposable
{
    /// <summary>The service SigV4 credential scopes must name.</summary>
    private const string Service = "execute-api";

    private static readonly (string AuthorizationType, string PathName)[] Apis =
    [
        ("NONE", "none"),
        ("API_KEY", "api-key"),
        ("AWS_IAM", "aws-iam"),
        ("AMAZON_COGNITO_USER_POOLS", "cognito-user-pools"),
        ("OPENID_CONNECT", "openid-connect"),
        ("AWS_LAMBDA", "aws-lambda"),
    ];

    private readonly LocalApiGatewayOptions _options;
    private readonly byte[] _apiKeyBytes;
    private readonly ConcurrentDictionary<string, LocalAwsCredentials> _staticCredentials = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Queue<LocalApiGatewayRequest> _requests = new();
    private readonly string[] _userPoolTokenUses;
    private ILocalCredentialsAuthority[] _authorities;
    private ILocalTokenIssuer[] _issuers;
    private WebApplication? _app;
    private long _clockOffsetTicks;

    private LocalApiGateway(LocalApiGatewayOptions options)
    {
        _options = options;
        ApiKey = options.ApiKey ?? "local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _apiKeyBytes = Encoding.UTF8.GetBytes(ApiKey);
        foreach (var credentials in options.StaticCredentials)
        {
            AddStaticCredentials(credentials);
        }

        _authorities = [.. options.CredentialsAuthorities];
        _issuers = [.. options.TokenIssuers];
        _userPoolTokenUses = [.. options.UserPoolTokenUses];
        Endpoints = ReadOnlyDictionary<string, Uri>.Empty;
        BaseAddress = new Uri("http://127.0.0.1/");
    }

    /// <summary>Gets the server's root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>
    /// Gets each API's base URL including the stage (what an Amplify <c>endpoint</c> names), keyed by
    /// <c>authorizationType</c> as Amplify files spell it (case-insensitive), e.g. <c>Endpoints["AWS_IAM"]</c>.
    /// </summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; private set; }

    /// <summary>Gets the key the API_KEY API wants in <c>x-api-key</c>.</summary>
    public string ApiKey { get; }

    /// <summary>Gets the region SigV4 credential scopes must name (loopback URLs carry none, so configs set it).</summary>
    public string Region => _options.Region;

    /// <summary>Gets the stage every API is deployed to.</summary>
    public string Stage => _options.Stage;

    /// <summary>Gets or sets how far the gateway's clock is ahead of <see cref="LocalApiGatewayOptions.TimeProvider"/> (negative: behind), to test clock-skew recovery.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
        set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
    }

    /// <summary>Gets a snapshot of the requests received so far, oldest first.</summary>
    public IReadOnlyList<LocalApiGatewayRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    private DateTimeOffset Now => _options.TimeProvider.GetUtcNow() + ClockOffset;

    /// <summary>Starts a gateway on <c>127.0.0.1</c> and a free port.</summary>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running gateway; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">The stage or region is empty or contains <c>/</c>.</exception>
    public static async Task<LocalApiGateway> StartAsync(LocalApiGatewayOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalApiGatewayOptions();
        if (string.IsNullOrWhiteSpace(options.Stage) || options.Stage.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The stage '{options.Stage}' must be a non-empty path segment.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.Region) || options.Region.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The region '{options.Region}' must be a region name such as us-east-1.", nameof(options));
        }

        var gateway = new LocalApiGateway(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(gateway.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        gateway._app = app;

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        var endpoints = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var (authorizationType, pathName) in Apis)
        {
            endpoints[authorizationType] = new Uri(gateway.BaseAddress, $"{pathName}/{options.Stage}");
        }

        gateway.Endpoints = new ReadOnlyDictionary<string, Uri>(endpoints);
        return gateway;
    }

    /// <summary>Lets the AWS_IAM API accept <paramref name="credentials"/> (replacing keys with the same access key ID).</summary>
    /// <param name="credentials">The keys, with the principal and role the echo reports.</param>
    public void AddStaticCredentials(LocalAwsCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _staticCredentials[credentials.AccessKeyId] = credentials;
    }

    /// <summary>Lets the AWS_IAM API accept credentials <paramref name="authority"/> issued (a local identity pool).</summary>
    /// <param name="authority">The authority.</param>
    public void AddCredentialsAuthority(ILocalCredentialsAuthority authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        lock (_gate)
        {
            _authorities = [.. _authorities, authority];
        }
    }

    /// <summary>Lets the user-pool, OIDC and default Lambda authorizers accept tokens <paramref name="issuer"/> signed.</summary>
    /// <param name="issuer">The issuer (a local user pool).</param>
    public void AddTokenIssuer(ILocalTokenIssuer issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        lock (_gate)
        {
            _issuers = [.. _issuers, issuer];
        }
    }

    /// <summary>Forgets the requests recorded so far.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private LocalAwsCredentials? FindCredentials(string accessKeyId)
    {
        if (_staticCredentials.TryGetValue(accessKeyId, out var credentials))
        {
            return credentials;
        }

        foreach (var authority in Volatile.Read(ref _authorities))
        {
            if (authority.FindCredentials(accessKeyId) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = Now;
        var requestId = Guid.NewGuid().ToString();
        var request = context.Request;
        var response = context.Response;
        response.Headers["x-amzn-RequestId"] = requestId;
        response.Headers.Date = now.ToString("R", CultureInfo.InvariantCulture);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? string.Empty : rawTarget[(queryStart + 1)..];
        var outcome = new Outcome();

        // Recorded as the response starts, before the client can have any of it: a test that awaits the response
        // and then reads Requests must find this request there. The finally records a request that never answered.
        var recorded = 0;
        void RecordOnce()
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                Record(new LocalApiGatewayRequest(requestId, now, request.Method, rawPath, RedactQuery(rawQuery), RedactHeaders(request.Headers),
                    outcome.AuthorizationType, outcome.Principal, outcome.Role, response.StatusCode, outcome.ErrorType, RedactMessage(outcome.ErrorMessage)));
            }
        }

        response.OnStarting(() =>
        {
            RecordOnce();
            return Task.CompletedTask;
        });

        try
        {
            var api = MatchApi(rawPath, out var resourcePath);
            outcome.AuthorizationType = api;
            if (api is null)
            {
                await WriteErrorAsync(context, outcome, 403, "MissingAuthenticationTokenException", "Missing Authentication Token").ConfigureAwait(false);
                return;
            }

            var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
            if (!await AuthorizeAsync(context, api, request.Method, rawTarget, resourcePath, body, now, outcome).ConfigureAwait(false))
            {
                return;
            }

            var invocation = new LocalApiInvocation(api, request.Method, resourcePath, rawQuery, outcome.Principal, outcome.Role, body);
            if (_options.Handler is { } handler)
            {
                request.Body = new MemoryStream(body, writable: false);
                try
                {
                    await handler(context, invocation).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException && !response.HasStarted)
                {
                    // A failing integration: API Gateway answers 502 with its generic message.
                    response.Clear();
                    response.Headers["x-amzn-RequestId"] = requestId;
                    response.Headers.Date = now.ToString("R", CultureInfo.InvariantCulture);
                    await WriteErrorAsync(context, outcome, 502, "InternalServerErrorException", "Internal server error").ConfigureAwait(false);
                }
            }
            else
            {
                var echo = new GatewayEcho(invocation.Method, invocation.Path, invocation.Query, api, invocation.Principal, invocation.Role, body.Length);
                await WriteJsonAsync(response, 200, echo, GatewayJsonContext.Relaxed.GatewayEcho, context.RequestAborted).ConfigureAwait(false);
            }
        }
        finally
        {
            RecordOnce();
        }
    }

    private string? MatchApi(string rawPath, out string resourcePath)
    {
        resourcePath = "/";
        var path = rawPath.AsSpan();
        if (path.Length < 2 || path[0] != '/')
        {
            return null;
        }

        path = path[1..];
        var slash = path.IndexOf('/');
        if (slash < 0)
        {
            return null;
        }

        var apiName = path[..slash];
        var rest = path[(slash + 1)..];
        var stageEnd = rest.IndexOf('/');
        var stage = stageEnd < 0 ? rest : rest[..stageEnd];
        if (!stage.SequenceEqual(_options.Stage))
        {
            return null;
        }

        resourcePath = stageEnd < 0 ? "/" : rest[stageEnd..].ToString();
        foreach (var (authorizationType, pathName) in Apis)
        {
            if (apiName.SequenceEqual(pathName))
            {
                return authorizationType;
            }
        }

        return null;
    }

    private async ValueTask<bool> AuthorizeAsync(HttpContext context, string api, string method, string rawTarget, string resourcePath, byte[] body, DateTimeOffset now, Outcome outcome)
    {
        var request = context.Request;
        switch (api)
        {
            case "NONE":
                return true;

            case "API_KEY":
                var key = request.Headers["x-api-key"].ToString();
                if (key.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _apiKeyBytes))
                {
                    await WriteErrorAsync(context, outcome, 403, "ForbiddenException", "Forbidden").ConfigureAwait(false);
                    return false;
                }

                return true;

            case "AWS_IAM":
                var result = SigV4Verifier.Verify(method, rawTarget, request.Headers, body, FindCredentials, _options.Region, Service, now);
                outcome.Principal = result.Credentials?.Principal;
                outcome.Role = result.Credentials?.Role;
                if (!result.IsValid)
                {
                    await WriteErrorAsync(context, outcome, 403, result.ErrorType!, result.Message!).ConfigureAwait(false);
                    return false;
                }

                return true;

            case "AMAZON_COGNITO_USER_POOLS":
            case "OPENID_CONNECT":
                var token = BearerToken(request.Headers.Authorization);
                var jwt = token is null
                    ? null
                    : api == "OPENID_CONNECT"
                        ? JwtVerifier.Verify(token, Volatile.Read(ref _issuers), ["id"], requireTokenUse: false, now)
                        : JwtVerifier.Verify(token, Volatile.Read(ref _issuers), _userPoolTokenUses, requireTokenUse: true, now);
                if (jwt is not { IsValid: true })
                {
                    await WriteErrorAsync(context, outcome, 401, "UnauthorizedException", "Unauthorized").ConfigureAwait(false);
                    return false;
                }

                outcome.Principal = jwt.Subject;
                outcome.Role = jwt.TokenUse;
                return true;

            default:
                var identity = request.Headers.Authorization.ToString();
                if (identity.Length == 0)
                {
                    await WriteErrorAsync(context, outcome, 401, "UnauthorizedException", "Unauthorized").ConfigureAwait(false);
                    return false;
                }

                var methodArn = $"arn:aws:execute-api:{_options.Region}:000000000000:aws-lambda/{_options.Stage}/{method}{resourcePath}";
                var authorizerRequest = new LambdaAuthorizerRequest(identity, methodArn, method, resourcePath);
                LambdaAuthorizerResult decision;
                try
                {
                    decision = _options.LambdaAuthorizer is { } authorizer
                        ? await authorizer(authorizerRequest).ConfigureAwait(false)
                        : DefaultLambdaAuthorizer(authorizerRequest, now);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A failing authorizer function: API Gateway answers 500 AuthorizerConfigurationException.
                    await WriteErrorAsync(context, outcome, 500, "AuthorizerConfigurationException", null).ConfigureAwait(false);
                    return false;
                }

                outcome.Principal = decision.PrincipalId;
                switch (decision.Effect)
                {
                    case LambdaAuthorizerEffect.Allow:
                        return true;
                    case LambdaAuthorizerEffect.Deny:
                        await WriteErrorAsync(context, outcome, 403, "AccessDeniedException", "User is not authorized to access this resource with an explicit deny").ConfigureAwait(false);
                        return false;
                    case LambdaAuthorizerEffect.NotAllowed:
                        await WriteErrorAsync(context, outcome, 403, "AccessDeniedException", "User is not authorized to access this resource").ConfigureAwait(false);
                        return false;
                    default:
                        await WriteErrorAsync(context, outcome, 401, "UnauthorizedException", "Unauthorized").ConfigureAwait(false);
                        return false;
                }
        }
    }

    private LambdaAuthorizerResult DefaultLambdaAuthorizer(LambdaAuthorizerRequest request, DateTimeOffset now)
    {
        var token = BearerToken(request.AuthorizationToken);
        var jwt = token is null ? null : JwtVerifier.Verify(token, Volatile.Read(ref _issuers), ["id", "access"], requireTokenUse: false, now);
        return jwt is { IsValid: true, Subject: { } subject } ? LambdaAuthorizerResult.Allow(subject) : LambdaAuthorizerResult.NotAllowed();
    }

    /// <summary>The token of an <c>Authorization</c> value: the raw value, or what follows <c>Bearer </c>.</summary>
    private static string? BearerToken(StringValues authorization)
    {
        var value = authorization.ToString().Trim();
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            value = value[7..].Trim();
        }

        return value.Length == 0 ? null : value;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static Task WriteErrorAsync(HttpContext context, Outcome outcome, int status, string errorType, string? message)
    {
        outcome.ErrorType = errorType;
        outcome.ErrorMessage = message;
        context.Response.Headers["x-amzn-ErrorType"] = errorType;
        return WriteJsonAsync(context.Response, status, new GatewayErrorBody(message), GatewayJsonContext.Relaxed.GatewayErrorBody, context.RequestAborted);
    }

    private static Task WriteJsonAsync<T>(HttpResponse response, int status, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        // API Gateway answers with a Content-Length, never chunked; clients (and the library's diagnosis of a
        // signature mismatch, which reads only a body of known, small length) see the same here.
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, cancellationToken).AsTask();
    }

    private void Record(LocalApiGatewayRequest entry)
    {
        lock (_gate)
        {
            _requests.Enqueue(entry);
            while (_requests.Count > Math.Max(0, _options.MaxRecordedRequests))
            {
                _requests.Dequeue();
            }
        }
    }

    private static string RedactQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return rawQuery;
        }

        var parts = rawQuery.Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? parts[i] : parts[i][..equals];
            if (key.Equals("X-Amz-Signature", StringComparison.OrdinalIgnoreCase) || key.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = key + "=***";
            }
        }

        return string.Join('&', parts);
    }

    /// <summary>
    /// A signature mismatch's message repeats the canonical request, whose signed headers and query may hold the
    /// session token or an API key. The caller gets it whole (as from API Gateway); the request log gets it redacted.
    /// </summary>
    internal static string? RedactMessage(string? message)
    {
        if (message is null || !message.Contains("Canonical String", StringComparison.Ordinal))
        {
            return message;
        }

        var lines = message.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? line[..colon] : string.Empty;
            if (name.Equals("x-amz-security-token", StringComparison.OrdinalIgnoreCase) || name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)
                || name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
            {
                lines[i] = name + ":***";
            }
            else if (line.Contains("X-Amz-Security-Token=", StringComparison.OrdinalIgnoreCase) || line.Contains("X-Amz-Signature=", StringComparison.OrdinalIgnoreCase))
            {
                lines[i] = RedactQuery(line);
            }
        }

        return string.Join('\n', lines);
    }

    private static Dictionary<string, string> RedactHeaders(IHeaderDictionary headers)
    {
        var redacted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            var value = string.Join(',', values.Select(v => v ?? string.Empty));
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                var signature = value.IndexOf("Signature=", StringComparison.Ordinal);
                value = value.StartsWith(SigV4Verifier.Algorithm + " ", StringComparison.Ordinal) && signature >= 0
                    ? value[..(signature + "Signature=".Length)] + "***"
                    : "***";
            }
            else if (name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase) || name.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase))
            {
                value = "***";
            }

            redacted[name] = value;
        }

        return redacted;
    }

    /// <summary>What one request was decided to be, filled in as it goes.</summary>
    private sealed class Outcome
    {
        public string? AuthorizationType { get; set; }

        public string? Principal { get; set; }

        public string? Role { get; set; }

        public string? ErrorType { get; set; }

        public string? ErrorMessage { get; set; }
    }
}
