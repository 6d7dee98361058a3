using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AmplifyAuthHandlers.Testing;

/// <summary>
/// A Cognito user pool and identity pool on loopback, speaking the JSON 1.1 wire protocol of
/// <c>AWSCognitoIdentityProviderService</c> and <c>AWSCognitoIdentityService</c> on one base URL.
/// Start it with <see cref="StartAsync"/> and dispose it with <c>await using</c>.
/// </summary>
/// <remarks>
/// User pool: <c>InitiateAuth</c> (<c>USER_SRP_AUTH</c>, <c>USER_PASSWORD_AUTH</c>, <c>REFRESH_TOKEN_AUTH</c>),
/// <c>RespondToAuthChallenge</c> (<c>PASSWORD_VERIFIER</c>, <c>NEW_PASSWORD_REQUIRED</c>, <c>SOFTWARE_TOKEN_MFA</c>),
/// <c>GetUser</c>, <c>GlobalSignOut</c>, <c>RevokeToken</c>, and the JWKS at <c>/&lt;poolId&gt;/.well-known/jwks.json</c>.
/// Identity pool: <c>GetId</c>, <c>GetCredentialsForIdentity</c>, <c>GetOpenIdToken</c>. Thread-safe.
/// </remarks>
public sealed class LocalCognito : IAsyncDisposable, ILocalCredentialsAuthority, ILocalTokenIssuer
{
    private const string IdentityProviderTarget = "AWSCognitoIdentityProviderService.";
    private const string IdentityTarget = "AWSCognitoIdentityService.";
    private const string ContentType = "application/x-amz-json-1.1";
    private const int MaxBodyBytes = 1 << 20;

    private readonly WebApplication _app;
    private readonly LocalCognitoOptions _options;
    private readonly LocalUserPool _userPool;
    private readonly LocalIdentityPool _identityPool;
    private readonly Lock _gate = new();
    private readonly List<LocalCognitoCall> _calls = [];
    private readonly Dictionary<string, Queue<LocalCognitoFault>> _faults = new(StringComparer.Ordinal);

    private LocalCognito(WebApplication app, LocalCognitoOptions options, Uri baseAddress, string userPoolId, string identityPoolId)
    {
        _app = app;
        _options = options;
        BaseAddress = baseAddress;
        var issuer = baseAddress.GetLeftPart(UriPartial.Authority) + "/" + userPoolId;
        _userPool = new LocalUserPool(options, userPoolId, issuer);
        LoginsKey = $"cognito-idp.{options.Region}.amazonaws.com/{userPoolId}";
        _identityPool = new LocalIdentityPool(options, identityPoolId, _userPool, LoginsKey);
        DefaultClient = _userPool.AddClient(withSecret: false);
    }

    /// <summary>Gets the base URL of both protocols (<c>http://127.0.0.1:&lt;port&gt;/</c>).</summary>
    /// <value>A loopback URL with a trailing slash.</value>
    public Uri BaseAddress { get; }

    /// <summary>Gets the URL to configure as the user pool's Cognito Identity Provider endpoint.</summary>
    /// <value>The same as <see cref="BaseAddress"/>.</value>
    public Uri CognitoIdentityProviderUrl => BaseAddress;

    /// <summary>Gets the URL to configure as the identity pool's Cognito Identity endpoint.</summary>
    /// <value>The same as <see cref="BaseAddress"/>.</value>
    public Uri CognitoIdentityUrl => BaseAddress;

    /// <summary>Gets the region in the pool IDs and the issuer.</summary>
    /// <value>From <see cref="LocalCognitoOptions.Region"/>.</value>
    public string Region => _options.Region;

    /// <summary>Gets the user pool ID.</summary>
    /// <value><c>&lt;region&gt;_&lt;9 letters or digits&gt;</c>.</value>
    public string UserPoolId => _userPool.PoolId;

    /// <summary>Gets the identity pool ID.</summary>
    /// <value><c>&lt;region&gt;:&lt;guid&gt;</c>.</value>
    public string IdentityPoolId => _identityPool.PoolId;

    /// <summary>Gets the app client created with the pool (no secret).</summary>
    /// <value>An app client without a secret.</value>
    public LocalAppClient DefaultClient { get; }

    /// <summary>Gets the key of the user pool's ID token in the identity pool's <c>Logins</c> map.</summary>
    /// <value><c>cognito-idp.&lt;region&gt;.amazonaws.com/&lt;userPoolId&gt;</c>.</value>
    public string LoginsKey { get; }

    /// <inheritdoc/>
    public string Issuer => _userPool.Issuer;

    /// <inheritdoc/>
    public IReadOnlyCollection<string> ClientIds => _userPool.ClientIds;

    /// <summary>Gets the calls answered so far, oldest first.</summary>
    /// <value>A snapshot.</value>
    public IReadOnlyList<LocalCognitoCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Starts a local Cognito on <c>127.0.0.1</c> and a free port.</summary>
    /// <param name="options">The set-up (copied: later changes do not reach the server), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is invalid (a pool ID of the wrong shape, a non-positive lifetime).</exception>
    public static async Task<LocalCognito> StartAsync(LocalCognitoOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = options?.Clone() ?? new LocalCognitoOptions();
        Validate(options);
        var userPoolId = options.UserPoolId ?? WireIds.UserPoolId(options.Region);
        var identityPoolId = options.IdentityPoolId ?? WireIds.RegionGuid(options.Region);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        LocalCognito? cognito = null;
        app.Run(context => cognito!.HandleAsync(context));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        cognito = new LocalCognito(app, options, new Uri(address.TrimEnd('/') + "/"), userPoolId, identityPoolId);
        return cognito;
    }

    /// <summary>Adds an app client to the user pool.</summary>
    /// <param name="withSecret">Whether the client has a secret (and so requires <c>SECRET_HASH</c>).</param>
    /// <returns>The client.</returns>
    public LocalAppClient AddAppClient(bool withSecret = false) => _userPool.AddClient(withSecret);

    /// <summary>Adds a user to the user pool.</summary>
    /// <param name="username">The user name (case-insensitive, as new pools are).</param>
    /// <param name="password">The password.</param>
    /// <param name="attributes">Attributes such as <c>email</c>; <c>sub</c> is generated unless given.</param>
    /// <param name="status">The user's status.</param>
    /// <param name="totpSecret">A base32 TOTP secret: sign-in then asks <c>SOFTWARE_TOKEN_MFA</c>; or <see langword="null"/> for no MFA.</param>
    /// <returns>The user's <c>sub</c>.</returns>
    /// <exception cref="InvalidOperationException">The pool has a user of that name already.</exception>
    /// <exception cref="ArgumentException"><paramref name="totpSecret"/> is not base32.</exception>
    public string AddUser(string username, string password, IReadOnlyDictionary<string, string>? attributes = null, LocalUserStatus status = LocalUserStatus.Confirmed, string? totpSecret = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        return _userPool.AddUser(username, password, attributes, status, totpSecret);
    }

    /// <summary>Gets a user's status (it changes once a new password is set).</summary>
    /// <param name="username">The user name.</param>
    /// <returns>The status.</returns>
    /// <exception cref="KeyNotFoundException">The pool has no such user.</exception>
    public LocalUserStatus GetUserStatus(string username) =>
        _userPool.TryGetUserStatus(username, out var status) ? status : throw new KeyNotFoundException($"The user pool has no user named '{username}'.");

    /// <summary>Makes the next <paramref name="count"/> calls of <paramref name="operation"/> fail or wait.</summary>
    /// <param name="operation">The operation, e.g. <c>GetCredentialsForIdentity</c> or <c>InitiateAuth</c>.</param>
    /// <param name="count">How many calls the fault applies to.</param>
    /// <param name="errorType">The <c>__type</c> to answer, or <see langword="null"/> to only delay (unless <paramref name="status"/> is set: then <c>InternalErrorException</c>).</param>
    /// <param name="status">The HTTP status, or <see langword="null"/> for Cognito's status of <paramref name="errorType"/>.</param>
    /// <param name="delay">How long to wait (on <see cref="LocalCognitoOptions.TimeProvider"/>) before answering.</param>
    /// <param name="message">The error message, or <see langword="null"/> for a generic one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive or <paramref name="delay"/> is negative.</exception>
    public void InjectFault(string operation, int count = 1, string? errorType = "InternalErrorException", int? status = null, TimeSpan delay = default, string? message = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        if (errorType is null && status is not null)
        {
            errorType = "InternalErrorException";
        }

        lock (_gate)
        {
            if (!_faults.TryGetValue(operation, out var queue))
            {
                _faults[operation] = queue = new Queue<LocalCognitoFault>();
            }

            queue.Enqueue(new LocalCognitoFault(count, errorType, (HttpStatusCode?)status, delay, message));
        }
    }

    /// <summary>Forgets the recorded calls.</summary>
    public void ClearCalls()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    /// <inheritdoc/>
    public LocalAwsCredentials? FindCredentials(string accessKeyId) => _identityPool.FindCredentials(accessKeyId);

    /// <inheritdoc/>
    public bool TryGetSigningKey(string keyId, [NotNullWhen(true)] out RSA? key)
    {
        key = keyId == _userPool.KeyId ? _userPool.Key : null;
        return key is not null;
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _identityPool.Dispose();
        _userPool.Dispose();
    }

    private static void Validate(LocalCognitoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
        if (string.IsNullOrEmpty(options.Region) || !options.Region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Region '{options.Region}' is not a region name such as us-east-1.", nameof(options));
        }

        if (options.UserPoolId is { } poolId && !(poolId.StartsWith(options.Region + "_", StringComparison.Ordinal) && poolId.Length > options.Region.Length + 1))
        {
            throw new ArgumentException($"UserPoolId '{poolId}' is not of the form {options.Region}_<id>.", nameof(options));
        }

        if (options.IdentityPoolId is { } identityPoolId && !(identityPoolId.StartsWith(options.Region + ":", StringComparison.Ordinal) && Guid.TryParse(identityPoolId[(options.Region.Length + 1)..], out _)))
        {
            throw new ArgumentException($"IdentityPoolId '{identityPoolId}' is not of the form {options.Region}:<guid>.", nameof(options));
        }

        foreach (var (name, value) in new[] { ("CredentialsLifetime", options.CredentialsLifetime), ("AccessTokenLifetime", options.AccessTokenLifetime), ("IdTokenLifetime", options.IdTokenLifetime), ("RefreshTokenLifetime", options.RefreshTokenLifetime) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"{name} must be positive.", nameof(options));
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
        if (HttpMethods.IsGet(request.Method))
        {
            var path = request.Path.Value ?? string.Empty;
            var body = path == $"/{UserPoolId}/.well-known/jwks.json" ? _userPool.Jwks()
                : path == $"/{UserPoolId}/.well-known/openid-configuration" ? _userPool.OpenIdConfiguration()
                : null;
            response.StatusCode = body is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
            if (body is not null)
            {
                response.ContentType = "application/json";
                await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        var target = request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(IdentityProviderTarget, StringComparison.Ordinal) ? target[IdentityProviderTarget.Length..]
            : target.StartsWith(IdentityTarget, StringComparison.Ordinal) ? target[IdentityTarget.Length..]
            : target;
        string? detail = null;
        byte[] answer;
        HttpStatusCode status;
        string? errorType = null;
        try
        {
            if (!HttpMethods.IsPost(request.Method))
            {
                throw new CognitoErrorException("UnknownOperationException", "Only POST is supported.");
            }

            using var document = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
            var root = document.RootElement;
            detail = DetailOf(operation, root);
            await ApplyFaultAsync(operation, context.RequestAborted).ConfigureAwait(false);
            answer = Dispatch(target, root);
            status = HttpStatusCode.OK;
        }
        catch (CognitoErrorException e)
        {
            errorType = e.ErrorType;
            status = e.Status;
            answer = ErrorBody(e.ErrorType, e.Message);
            response.Headers["x-amzn-ErrorType"] = e.ErrorType;
        }

        lock (_gate)
        {
            _calls.Add(new LocalCognitoCall(operation, (int)status, errorType, detail));
        }

        response.StatusCode = (int)status;
        response.ContentType = ContentType;
        response.ContentLength = answer.Length;
        await response.Body.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
    }

    private byte[] Dispatch(string target, JsonElement root) => target switch
    {
        IdentityProviderTarget + "InitiateAuth" => _userPool.InitiateAuth(root),
        IdentityProviderTarget + "RespondToAuthChallenge" => _userPool.RespondToAuthChallenge(root),
        IdentityProviderTarget + "GetUser" => _userPool.GetUser(root),
        IdentityProviderTarget + "GlobalSignOut" => _userPool.GlobalSignOut(root),
        IdentityProviderTarget + "RevokeToken" => _userPool.RevokeToken(root),
        IdentityTarget + "GetId" => _identityPool.GetId(root),
        IdentityTarget + "GetCredentialsForIdentity" => _identityPool.GetCredentialsForIdentity(root),
        IdentityTarget + "GetOpenIdToken" => _identityPool.GetOpenIdToken(root),
        _ => throw new CognitoErrorException("UnknownOperationException", $"This local Cognito does not implement '{target}'."),
    };

    private static async Task<JsonDocument> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new CognitoErrorException("SerializationException", "The request body is too large.");
        }

        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new CognitoErrorException("SerializationException", "The request body is not a JSON object.");
            }

            return document;
        }
        catch (JsonException)
        {
            throw new CognitoErrorException("SerializationException", "The request body is not valid JSON.");
        }
    }

    private static string? DetailOf(string operation, JsonElement root)
    {
        var name = operation switch
        {
            "InitiateAuth" => "AuthFlow",
            "RespondToAuthChallenge" => "ChallengeName",
            _ => null,
        };
        return name is not null && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private async Task ApplyFaultAsync(string operation, CancellationToken cancellationToken)
    {
        LocalCognitoFault? fault = null;
        lock (_gate)
        {
            if (_faults.TryGetValue(operation, out var queue) && queue.TryPeek(out fault))
            {
                if (--fault.Remaining == 0)
                {
                    queue.Dequeue();
                }
            }
        }

        if (fault is null)
        {
            return;
        }

        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (fault.Fails)
        {
            var type = fault.ErrorType ?? "InternalErrorException";
            throw new CognitoErrorException(type, fault.Message ?? $"Injected {type}.", fault.Status);
        }
    }

    private static byte[] ErrorBody(string errorType, string message) => Jwt.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("__type", errorType);
        w.WriteString("message", message);
        w.WriteEndObject();
    });
}
