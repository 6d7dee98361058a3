using System.Globalization;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// A Cognito user-pool stand-in for InitiateAuth (password, SRP, refresh), RespondToAuthChallenge, GlobalSignOut and
/// RevokeToken that checks what it is given as Cognito does: the service URI, <c>X-Amz-Target</c> and content type, the
/// app client (and SECRET_HASH when <see cref="ClientSecret"/> is set), the SRP PASSWORD_VERIFIER signature (it is the
/// SRP server, with its own verifier of <see cref="Password"/>), challenge sessions and answers, refresh tokens.
/// Tokens are JWT-shaped and tell their parts apart: the access token's <c>username</c> is <see cref="UserIdOf"/> of the
/// sign-in name, the ID token's <c>cognito:username</c> is <see cref="IdTokenUsernameOf"/>, and the two expire after
/// <see cref="AccessTokenLifetime"/> and <see cref="IdTokenLifetime"/>. A request that breaks the protocol is answered
/// with an error and recorded in <see cref="Problems"/>.
/// </summary>
internal sealed class FakeCognitoUserPool : HttpMessageHandler
{
    public const string TargetPrefix = "AWSCognitoIdentityProviderService.";

    private const string SaltHex = "1a2b3c4d5e6f";
    private const string TimestampFormat = "ddd MMM d HH:mm:ss 'UTC' yyyy";

    private static readonly BigInteger N = CognitoSrpHelper.N;
    private static readonly BigInteger G = 2;
    private static readonly BigInteger K = Hash(Pad(N), Pad(G));

    private readonly object _gate = new();
    private readonly HashSet<string> _rotatedOut = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refreshOwners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string User, DateTimeOffset ExpiresAt)> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SrpExchange> _srp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, string User)> _challenges = new(StringComparer.Ordinal);
    private int _issued;
    private int _refreshes;

    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public Uri ServiceUri { get; set; } = new("https://cognito-idp.us-west-2.amazonaws.com/");

    public string PoolId { get; set; } = "us-west-2_pool";

    /// <summary>The app client every call must name; <see langword="null"/> accepts any.</summary>
    public string? ClientId { get; set; }

    /// <summary>When set, every call must carry the right SECRET_HASH (and RevokeToken this secret); when not, none may.</summary>
    public string? ClientSecret { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    public string Password { get; set; } = "correct horse";

    /// <summary>The first challenge after a correct password (NEW_PASSWORD_REQUIRED, SMS_MFA, …), or none.</summary>
    public string? ChallengeAfterPassword { get; set; }

    /// <summary>The answer (new password, SMS or TOTP code, MFA choice) the pending challenge accepts.</summary>
    public string ChallengeAnswer { get; set; } = "answer-123";

    /// <summary>Each refresh issues a new refresh token and, as Cognito's rotation does, refuses the old one from then on.</summary>
    public bool RotateRefreshTokens { get; set; }

    public bool RefreshTokenRevoked { get; set; }

    /// <summary>Answers a call (by operation name and body) instead of the fake when it returns a response.</summary>
    public Func<string, JsonObject, HttpResponseMessage?>? Intercept { get; set; }

    public TaskCompletionSource? RefreshGate { get; set; }

    /// <summary>Completed when a refresh reaches <see cref="RefreshGate"/>: the refresh is in flight at Cognito.</summary>
    public TaskCompletionSource RefreshStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Refreshes => Volatile.Read(ref _refreshes);

    public List<(string Target, JsonObject Body)> Calls { get; } = [];

    /// <summary>Requests that broke the protocol (wrong URI, target, content type, client, secret hash).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The user's internal name: USER_ID_FOR_SRP and the access token's <c>username</c>.</summary>
    public static string UserIdOf(string signInName) => "uuid-of-" + signInName;

    public static string IdTokenUsernameOf(string signInName) => "id-name-of-" + signInName;

    public static string SubjectOf(string signInName) => "sub-of-" + signInName;

    public string ExpectedSecretHash(string username) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ClientSecret!), Encoding.UTF8.GetBytes(username + ClientId)));

    public static HttpResponseMessage Json(JsonObject body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
    };

    public static HttpResponseMessage Error(string type, string message) => new(HttpStatusCode.BadRequest)
    {
        Content = new StringContent(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var targets = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.ToList() : [];
        var target = targets is [{ } one] && one.StartsWith(TargetPrefix, StringComparison.Ordinal) ? one[TargetPrefix.Length..] : null;
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        lock (Calls)
        {
            Calls.Add((target ?? string.Join(",", targets), body));
        }

        if (target is null)
        {
            return Violation($"X-Amz-Target '{string.Join(",", targets)}' is not {TargetPrefix}<operation>");
        }

        if (request.Method != HttpMethod.Post || request.RequestUri != ServiceUri)
        {
            return Violation($"{target} was sent as {request.Method} {request.RequestUri}, not POST {ServiceUri}");
        }

        if (request.Content.Headers.ContentType?.MediaType != "application/x-amz-json-1.1")
        {
            return Violation($"{target} was sent as {request.Content.Headers.ContentType}");
        }

        if (Intercept?.Invoke(target, body) is { } intercepted)
        {
            return intercepted;
        }

        return target switch
        {
            "InitiateAuth" => await InitiateAuthAsync(body, cancellationToken),
            "RespondToAuthChallenge" => RespondToAuthChallenge(body),
            "GlobalSignOut" => GlobalSignOut(body),
            "RevokeToken" => RevokeToken(body),
            _ => Violation($"unknown operation {target}"),
        };
    }

    private async Task<HttpResponseMessage> InitiateAuthAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var flow = body["AuthFlow"]?.GetValue<string>();
        var parameters = body["AuthParameters"]?.AsObject() ?? [];
        if (WrongClient(body, "ClientId") is { } wrongClient)
        {
            return wrongClient;
        }

        if (flow == "REFRESH_TOKEN_AUTH")
        {
            Interlocked.Increment(ref _refreshes);
            RefreshStarted.TrySetResult();
            if (RefreshGate is { } gate)
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            var presented = parameters["REFRESH_TOKEN"]?.GetValue<string>() ?? string.Empty;
            string? owner;
            lock (_gate)
            {
                if (!_refreshOwners.TryGetValue(presented, out owner) || RefreshTokenRevoked || _rotatedOut.Contains(presented))
                {
                    return Error("NotAuthorizedException", "Refresh Token has been revoked");
                }
            }

            // Cognito checks the SECRET_HASH of a refresh against the user's internal name, the access token's username.
            if (WrongSecretHash(parameters, UserIdOf(owner)) is { } wrongHash)
            {
                return wrongHash;
            }

            lock (_gate)
            {
                if (RotateRefreshTokens)
                {
                    _rotatedOut.Add(presented);
                }
            }

            return Tokens(owner, includeRefresh: RotateRefreshTokens);
        }

        var name = parameters["USERNAME"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            return Error("InvalidParameterException", "Missing required parameter USERNAME");
        }

        if (WrongSecretHash(parameters, name) is { } wrongSecretHash)
        {
            return wrongSecretHash;
        }

        switch (flow)
        {
            case "USER_SRP_AUTH":
                return StartSrp(name, parameters["SRP_A"]?.GetValue<string>());
            case "USER_PASSWORD_AUTH":
                if (parameters["PASSWORD"]?.GetValue<string>() != Password)
                {
                    return Error("NotAuthorizedException", "Incorrect username or password.");
                }

                return ChallengeAfterPassword is { } challenge ? Challenge(challenge, name) : Tokens(name, includeRefresh: true);
            default:
                return Violation($"AuthFlow {flow}");
        }
    }

    private HttpResponseMessage StartSrp(string name, string? srpA)
    {
        if (string.IsNullOrEmpty(srpA) || !srpA.All(char.IsAsciiHexDigit) || (FromHex(srpA) % N).IsZero)
        {
            return Error("InvalidParameterException", "SRP_A is missing or invalid");
        }

        var userId = UserIdOf(name);
        var verifier = BigInteger.ModPow(G, PrivateKey(userId, Password), N);
        var b = new BigInteger(RandomNumberGenerator.GetBytes(64), isUnsigned: true, isBigEndian: true) + 1;
        var largeB = ((K * verifier) + BigInteger.ModPow(G, b, N)) % N;
        var secretBlock = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var session = "srp-session-" + Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _srp[session] = new SrpExchange(name, userId, FromHex(srpA), largeB, b, verifier, secretBlock);
        }

        return Json(new JsonObject
        {
            ["ChallengeName"] = "PASSWORD_VERIFIER",
            ["Session"] = session,
            ["ChallengeParameters"] = new JsonObject
            {
                ["USER_ID_FOR_SRP"] = userId,
                ["USERNAME"] = userId,
                ["SRP_B"] = largeB.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'),
                ["SALT"] = SaltHex,
                ["SECRET_BLOCK"] = secretBlock,
            },
        });
    }

    private HttpResponseMessage RespondToAuthChallenge(JsonObject body)
    {
        if (WrongClient(body, "ClientId") is { } wrongClient)
        {
            return wrongClient;
        }

        var name = body["ChallengeName"]?.GetValue<string>();
        var session = body["Session"]?.GetValue<string>() ?? string.Empty;
        var responses = body["ChallengeResponses"]?.AsObject() ?? [];
        var username = responses["USERNAME"]?.GetValue<string>();
        if (username is null)
        {
            return Error("InvalidParameterException", "Missing required parameter USERNAME");
        }

        if (WrongSecretHash(responses, username) is { } wrongSecretHash)
        {
            return wrongSecretHash;
        }

        if (name == "PASSWORD_VERIFIER")
        {
            SrpExchange? exchange;
            lock (_gate)
            {
                _srp.Remove(session, out exchange);
            }

            if (exchange is null)
            {
                return Error("NotAuthorizedException", "Invalid session for the user.");
            }

            return username == exchange.UserId && PasswordClaimIsValid(exchange, responses)
                ? ChallengeAfterPassword is { } next ? Challenge(next, exchange.Name) : Tokens(exchange.Name, includeRefresh: true)
                : Error("NotAuthorizedException", "Incorrect username or password.");
        }

        (string Name, string User) pending;
        lock (_gate)
        {
            if (!_challenges.Remove(session, out pending))
            {
                return Error("NotAuthorizedException", "Invalid session for the user.");
            }
        }

        var answerKey = name switch
        {
            "NEW_PASSWORD_REQUIRED" => "NEW_PASSWORD",
            "SMS_MFA" => "SMS_MFA_CODE",
            "SOFTWARE_TOKEN_MFA" => "SOFTWARE_TOKEN_MFA_CODE",
            _ => "ANSWER",
        };
        if (name != pending.Name || username != UserIdOf(pending.User))
        {
            return Error("InvalidParameterException", $"The challenge {pending.Name} of {UserIdOf(pending.User)} was answered as {name} of {username}.");
        }

        return responses[answerKey]?.GetValue<string>() == ChallengeAnswer
            ? Tokens(pending.User, includeRefresh: true)
            : Error("CodeMismatchException", "Invalid code or answer received for user.");
    }

    private HttpResponseMessage GlobalSignOut(JsonObject body)
    {
        var accessToken = body["AccessToken"]?.GetValue<string>() ?? string.Empty;
        lock (_gate)
        {
            if (!_accessTokens.TryGetValue(accessToken, out var issued) || issued.ExpiresAt <= Now())
            {
                return Error("NotAuthorizedException", "Access Token has expired");
            }

            foreach (var (token, owner) in _refreshOwners)
            {
                if (owner == issued.User)
                {
                    _rotatedOut.Add(token);
                }
            }
        }

        return Json([]);
    }

    private HttpResponseMessage RevokeToken(JsonObject body)
    {
        if (WrongClient(body, "ClientId") is { } wrongClient)
        {
            return wrongClient;
        }

        if (body[nameof(ClientSecret)]?.GetValue<string>() != ClientSecret)
        {
            return Violation($"RevokeToken's ClientSecret is not the app client's");
        }

        var token = body["Token"]?.GetValue<string>() ?? string.Empty;
        lock (_gate)
        {
            if (!_refreshOwners.ContainsKey(token))
            {
                return Error("UnsupportedTokenTypeException", "The token is not a refresh token of this client.");
            }

            _rotatedOut.Add(token);
        }

        return Json([]);
    }

    private HttpResponseMessage Tokens(string signInName, bool includeRefresh)
    {
        var n = Interlocked.Increment(ref _issued);
        var now = Now();
        var accessExpires = now + AccessTokenLifetime;
        var accessToken = TestJwt.Create(accessExpires, SubjectOf(signInName), "access", UserIdOf(signInName), $"access-{n}");
        var result = new JsonObject
        {
            ["AccessToken"] = accessToken,
            ["IdToken"] = TestJwt.Create(now + IdTokenLifetime, SubjectOf(signInName), "id", IdTokenUsernameOf(signInName), $"id-{n}"),
            ["TokenType"] = "Bearer",
            ["ExpiresIn"] = (int)AccessTokenLifetime.TotalSeconds,
        };
        lock (_gate)
        {
            _accessTokens[accessToken] = (signInName, accessExpires);
            if (includeRefresh)
            {
                result["RefreshToken"] = $"refresh-{n}";
                _refreshOwners[$"refresh-{n}"] = signInName;
            }
        }

        return Json(new JsonObject { ["AuthenticationResult"] = result, ["ChallengeParameters"] = new JsonObject() });
    }

    private HttpResponseMessage Challenge(string name, string signInName)
    {
        var session = "session-" + name;
        lock (_gate)
        {
            _challenges[session] = (name, signInName);
        }

        return Json(new JsonObject
        {
            ["ChallengeName"] = name,
            ["Session"] = session,
            ["ChallengeParameters"] = new JsonObject
            {
                ["USER_ID_FOR_SRP"] = UserIdOf(signInName),
                ["CODE_DELIVERY_DELIVERY_MEDIUM"] = "SMS",
                ["CODE_DELIVERY_DESTINATION"] = "+*******1234",
                ["MFAS_CAN_CHOOSE"] = "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]",
                ["requiredAttributes"] = "[\"userAttributes.email\"]",
                ["userAttributes"] = "{\"email_verified\":\"true\"}",
            },
        });
    }

    private bool PasswordClaimIsValid(SrpExchange exchange, JsonObject responses)
    {
        var timestamp = responses["TIMESTAMP"]?.GetValue<string>();
        if (responses["PASSWORD_CLAIM_SECRET_BLOCK"]?.GetValue<string>() != exchange.SecretBlock
            || timestamp != Now().UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)
            || responses["PASSWORD_CLAIM_SIGNATURE"]?.GetValue<string>() is not { } signature)
        {
            return false;
        }

        // The server's side of SRP-6a: S = (A·vᵘ)ᵇ mod N, the same key the client derives from (B − k·gˣ)^(a + u·x).
        var u = Hash(Pad(exchange.A), Pad(exchange.B));
        var s = BigInteger.ModPow(exchange.A * BigInteger.ModPow(exchange.Verifier, u, N) % N, exchange.SmallB, N);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Pad(s), 16, Pad(u), Encoding.UTF8.GetBytes("Caldera Derived Key"));
        var poolName = PoolId[(PoolId.IndexOf('_', StringComparison.Ordinal) + 1)..];
        var message = Encoding.UTF8.GetBytes(poolName + exchange.UserId).Concat(Convert.FromBase64String(exchange.SecretBlock)).Concat(Encoding.UTF8.GetBytes(timestamp)).ToArray();
        return signature == Convert.ToBase64String(HMACSHA256.HashData(key, message));
    }

    private BigInteger PrivateKey(string userId, string password)
    {
        var poolName = PoolId[(PoolId.IndexOf('_', StringComparison.Ordinal) + 1)..];
        return Hash(Pad(FromHex(SaltHex)), SHA256.HashData(Encoding.UTF8.GetBytes($"{poolName}{userId}:{password}")));
    }

    private HttpResponseMessage? WrongClient(JsonObject body, string key)
    {
        var clientId = body[key]?.GetValue<string>();
        return string.IsNullOrEmpty(clientId) || (ClientId is not null && clientId != ClientId)
            ? Error("ResourceNotFoundException", $"User pool client {clientId} does not exist.")
            : null;
    }

    private HttpResponseMessage? WrongSecretHash(JsonObject parameters, string username)
    {
        var given = parameters["SECRET_HASH"]?.GetValue<string>();
        if (ClientSecret is null)
        {
            return given is null ? null : Violation("SECRET_HASH sent for an app client without a secret");
        }

        return given == ExpectedSecretHash(username)
            ? null
            : Error("NotAuthorizedException", $"Unable to verify secret hash for client {ClientId}");
    }

    private HttpResponseMessage Violation(string problem)
    {
        lock (Problems)
        {
            Problems.Add(problem);
        }

        return Error("FakeProtocolViolation", problem);
    }

    private static BigInteger Hash(byte[] first, byte[] second) =>
        new(SHA256.HashData([.. first, .. second]), isUnsigned: true, isBigEndian: true);

    private static byte[] Pad(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    private static BigInteger FromHex(string hex) =>
        new(Convert.FromHexString(hex.Length % 2 == 0 ? hex : "0" + hex), isUnsigned: true, isBigEndian: true);

    private sealed record SrpExchange(string Name, string UserId, BigInteger A, BigInteger B, BigInteger SmallB, BigInteger Verifier, string SecretBlock);
}
