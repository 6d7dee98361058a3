using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AmplifyAuthHandlers.Testing;

/// <summary>
/// The user pool behind <see cref="LocalCognito"/>: users, app clients, the auth flows and challenges, and the
/// tokens it signs. Every member is thread-safe (one lock).
/// </summary>
internal sealed class LocalUserPool : IDisposable
{
    private const string IncorrectCredentials = "Incorrect username or password.";
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(3);

    private readonly Lock _gate = new();
    private readonly LocalCognitoOptions _options;
    private readonly TimeProvider _time;
    // Generating an RSA-2048 key takes from 0.2 to 2 s on a busy machine, so the process generates one, on first use
    // (the first token or JWKS: start-up and identity-pool-only tests never wait for it), and every pool imports it
    // into its own RSA object under its own random kid. Verifiers find keys by kid, so a token of one pool is still
    // refused by another: its kid is unknown there, and changing the kid breaks the signature.
    private static readonly Lazy<RSAParameters> SharedKeyParameters = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    });

    private readonly Lazy<RSA> _key = new(() =>
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(SharedKeyParameters.Value);
        return rsa;
    });

    private readonly Dictionary<string, LocalUserPoolUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LocalAppClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SrpChallenge> _srpChallenges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChallengeSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenRecord> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessTokenRecord> _accessTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revokedOrigins = new(StringComparer.Ordinal);
    private long _sequence;

    public LocalUserPool(LocalCognitoOptions options, string poolId, string issuer)
    {
        _options = options;
        _time = options.TimeProvider;
        PoolId = poolId;
        PoolName = poolId[(poolId.IndexOf('_', StringComparison.Ordinal) + 1)..];
        Issuer = issuer;
        KeyId = WireIds.Opaque(24);
    }

    public string PoolId { get; }

    /// <summary>The part of the pool ID after the underscore: what SRP hashes.</summary>
    public string PoolName { get; }

    public string Issuer { get; }

    public string KeyId { get; }

    public RSA Key => _key.Value;

    public IReadOnlyCollection<string> ClientIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _clients.Keys];
            }
        }
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    public LocalAppClient AddClient(bool withSecret)
    {
        var client = new LocalAppClient(WireIds.ClientId(), withSecret ? WireIds.ClientSecret() : null);
        lock (_gate)
        {
            _clients.Add(client.ClientId, client);
        }

        return client;
    }

    public string AddUser(string username, string password, IReadOnlyDictionary<string, string>? attributes, LocalUserStatus status, string? totpSecret)
    {
        var attributeMap = new Dictionary<string, string>(attributes ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (!attributeMap.TryGetValue("sub", out var sub))
        {
            sub = Guid.NewGuid().ToString("D");
            attributeMap["sub"] = sub;
        }

        if (totpSecret is not null)
        {
            _ = LocalTotp.DecodeBase32(totpSecret);
        }

        lock (_gate)
        {
            if (_users.ContainsKey(username))
            {
                throw new InvalidOperationException($"The user pool already has a user named '{username}'.");
            }

            _users.Add(username, new LocalUserPoolUser(username, password, sub, attributeMap, status, totpSecret));
        }

        return sub;
    }

    public bool TryGetUserStatus(string username, out LocalUserStatus status)
    {
        lock (_gate)
        {
            var found = _users.TryGetValue(username, out var user);
            status = user?.Status ?? default;
            return found;
        }
    }

    public byte[] Jwks()
    {
        var parameters = Key.ExportParameters(includePrivateParameters: false);
        return Jwt.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("keys");
            w.WriteStartObject();
            w.WriteString("alg", "RS256");
            w.WriteString("e", Jwt.Base64Url(parameters.Exponent));
            w.WriteString("kid", KeyId);
            w.WriteString("kty", "RSA");
            w.WriteString("n", Jwt.Base64Url(parameters.Modulus));
            w.WriteString("use", "sig");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public byte[] OpenIdConfiguration() => Jwt.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("issuer", Issuer);
        w.WriteString("jwks_uri", Issuer + "/.well-known/jwks.json");
        w.WriteStartArray("id_token_signing_alg_values_supported");
        w.WriteStringValue("RS256");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    // ---- InitiateAuth ----

    public byte[] InitiateAuth(JsonElement request)
    {
        var flow = WireJson.RequiredString(request, "AuthFlow");
        var client = FindClient(WireJson.RequiredString(request, "ClientId"));
        var parameters = WireJson.Map(request, "AuthParameters");
        lock (_gate)
        {
            return flow switch
            {
                "USER_SRP_AUTH" => StartSrp(client, parameters),
                "USER_PASSWORD_AUTH" => PasswordAuth(client, parameters),
                "REFRESH_TOKEN_AUTH" or "REFRESH_TOKEN" => RefreshAuth(client, parameters),
                _ => throw CognitoErrorException.InvalidParameter(
                    $"1 validation error detected: Value '{flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, USER_PASSWORD_AUTH] (this local Cognito)"),
            };
        }
    }

    private byte[] StartSrp(LocalAppClient client, Dictionary<string, string> parameters)
    {
        var username = Required(parameters, "USERNAME");
        var srpA = Required(parameters, "SRP_A");
        CheckSecretHash(client, parameters, username);
        BigInteger a;
        try
        {
            a = SrpServer.FromHex(srpA);
        }
        catch (FormatException)
        {
            throw CognitoErrorException.InvalidParameter("SRP_A is not a hexadecimal number.");
        }

        if (a % SrpServer.N == 0)
        {
            throw CognitoErrorException.InvalidParameter("SRP_A cannot be zero modulo N.");
        }

        var user = _users.GetValueOrDefault(username);
        if (user is null && !_options.PreventUserExistenceErrors)
        {
            throw new CognitoErrorException("UserNotFoundException", "User does not exist.");
        }

        // An unknown user gets a challenge all the same (so its existence does not show) and fails on the answer.
        var salt = user?.Salt ?? (SrpServer.RandomPrivate() >> 128);
        var userId = user?.Username ?? username;
        var verifier = user is null ? SrpServer.RandomPrivate() : SrpServer.ComputeVerifier(SrpServer.ComputeX(salt, PoolName, userId, user.Password));
        var b = SrpServer.RandomPrivate();
        var serverB = SrpServer.ComputeB(verifier, b);
        var secretBlock = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
        var now = _time.GetUtcNow();
        Prune(now);
        _srpChallenges[secretBlock] = new SrpChallenge(userId, client.ClientId, a, serverB, b, verifier, user is not null, now + SessionLifetime);
        var session = NewSession(userId, client.ClientId, "PASSWORD_VERIFIER", now);
        return Jwt.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("ChallengeName", "PASSWORD_VERIFIER");
            w.WriteString("Session", session);
            WireJson.WriteMap(w, "ChallengeParameters", new Dictionary<string, string>
            {
                ["SALT"] = SrpServer.ToHex(salt),
                ["SECRET_BLOCK"] = secretBlock,
                ["SRP_B"] = SrpServer.ToHex(serverB),
                ["USERNAME"] = userId,
                ["USER_ID_FOR_SRP"] = userId,
            });
            w.WriteEndObject();
        });
    }

    private byte[] PasswordAuth(LocalAppClient client, Dictionary<string, string> parameters)
    {
        var username = Required(parameters, "USERNAME");
        var password = Required(parameters, "PASSWORD");
        CheckSecretHash(client, parameters, username);
        var user = FindUserForSignIn(username);
        if (!FixedTimeEquals(user.Password, password))
        {
            throw CognitoErrorException.NotAuthorized(IncorrectCredentials);
        }

        return AfterPassword(user, client, _time.GetUtcNow());
    }

    private byte[] RefreshAuth(LocalAppClient client, Dictionary<string, string> parameters)
    {
        var token = Required(parameters, "REFRESH_TOKEN");
        var now = _time.GetUtcNow();
        if (!_refreshTokens.TryGetValue(token, out var record) || record.ClientId != client.ClientId || !_users.TryGetValue(record.Username, out var user))
        {
            throw CognitoErrorException.NotAuthorized("Invalid Refresh Token");
        }

        if (client.ClientSecret is not null)
        {
            // Cognito hashes the user name here; with aliases, clients send the sub. Either matches.
            var hash = parameters.GetValueOrDefault("SECRET_HASH");
            if (hash is null)
            {
                throw CognitoErrorException.NotAuthorized($"Client {client.ClientId} is configured with secret but SECRET_HASH was not received");
            }

            if (!FixedTimeEquals(hash, SecretHash(client, user.Username)) && !FixedTimeEquals(hash, SecretHash(client, user.Sub)))
            {
                throw CognitoErrorException.NotAuthorized($"Unable to verify secret hash for client {client.ClientId}");
            }
        }

        if (record.Revoked)
        {
            throw CognitoErrorException.NotAuthorized("Refresh Token has been revoked");
        }

        if (now >= record.ExpiresAt)
        {
            throw CognitoErrorException.NotAuthorized("Refresh Token has expired");
        }

        return Jwt.Json(w =>
        {
            w.WriteStartObject();
            WriteAuthenticationResult(w, user, client, record.AuthTime, now, refreshToken: null, record.OriginJti);
            w.WriteStartObject("ChallengeParameters");
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    // ---- RespondToAuthChallenge ----

    public byte[] RespondToAuthChallenge(JsonElement request)
    {
        var challenge = WireJson.RequiredString(request, "ChallengeName");
        var client = FindClient(WireJson.RequiredString(request, "ClientId"));
        var responses = WireJson.Map(request, "ChallengeResponses");
        var sessionId = WireJson.OptionalString(request, "Session");
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            return challenge switch
            {
                "PASSWORD_VERIFIER" => AnswerPasswordVerifier(client, responses, sessionId, now),
                "NEW_PASSWORD_REQUIRED" => AnswerNewPassword(client, responses, TakeSession(sessionId, client, challenge, now), now),
                "SOFTWARE_TOKEN_MFA" => AnswerTotp(client, responses, sessionId, now),
                _ => throw CognitoErrorException.InvalidParameter($"This local Cognito does not answer the challenge '{challenge}'."),
            };
        }
    }

    private byte[] AnswerPasswordVerifier(LocalAppClient client, Dictionary<string, string> responses, string? sessionId, DateTimeOffset now)
    {
        var username = Required(responses, "USERNAME");
        var secretBlock = Required(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
        var signature = Required(responses, "PASSWORD_CLAIM_SIGNATURE");
        var timestamp = Required(responses, "TIMESTAMP");
        CheckSecretHash(client, responses, username);
        if (!_srpChallenges.Remove(secretBlock, out var srp) || srp.ClientId != client.ClientId || now >= srp.ExpiresAt
            || !string.Equals(srp.UserId, username, StringComparison.OrdinalIgnoreCase))
        {
            throw CognitoErrorException.NotAuthorized("Invalid session for the user.");
        }

        if (sessionId is not null)
        {
            _sessions.Remove(sessionId);
        }

        if (!DateTimeOffset.TryParseExact(timestamp, "ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.GetCultureInfo("en-US"), DateTimeStyles.AssumeUniversal, out _))
        {
            throw CognitoErrorException.InvalidParameter("TIMESTAMP is not in the format 'ddd MMM d HH:mm:ss UTC yyyy'.");
        }

        if (!srp.UserExists || !_users.TryGetValue(srp.UserId, out var user))
        {
            throw CognitoErrorException.NotAuthorized(IncorrectCredentials);
        }

        var u = SrpServer.ComputeU(srp.A, srp.B);
        var key = SrpServer.DeriveKey(SrpServer.ComputeServerS(srp.A, srp.Verifier, u, srp.PrivateB), u);
        byte[] block;
        try
        {
            block = Convert.FromBase64String(secretBlock);
        }
        catch (FormatException)
        {
            throw CognitoErrorException.NotAuthorized("Invalid session for the user.");
        }

        var expected = SrpServer.ComputeSignature(key, PoolName, srp.UserId, block, timestamp);
        if (!FixedTimeEquals(expected, signature))
        {
            throw CognitoErrorException.NotAuthorized(IncorrectCredentials);
        }

        return AfterPassword(user, client, now);
    }

    private byte[] AnswerNewPassword(LocalAppClient client, Dictionary<string, string> responses, ChallengeSession session, DateTimeOffset now)
    {
        var username = Required(responses, "USERNAME");
        var newPassword = Required(responses, "NEW_PASSWORD");
        CheckSecretHash(client, responses, username);
        var user = SessionUser(session, username);
        if (newPassword.Length < 8)
        {
            throw new CognitoErrorException("InvalidPasswordException", "Password does not conform to policy: Password not long enough");
        }

        user.Password = newPassword;
        user.Status = LocalUserStatus.Confirmed;
        foreach (var (name, value) in responses)
        {
            if (name.StartsWith("userAttributes.", StringComparison.Ordinal))
            {
                user.Attributes[name["userAttributes.".Length..]] = value;
            }
        }

        _sessions.Remove(session.Id);
        return AfterPassword(user, client, now);
    }

    private byte[] AnswerTotp(LocalAppClient client, Dictionary<string, string> responses, string? sessionId, DateTimeOffset now)
    {
        var session = TakeSession(sessionId, client, "SOFTWARE_TOKEN_MFA", now);
        var username = Required(responses, "USERNAME");
        var code = Required(responses, "SOFTWARE_TOKEN_MFA_CODE");
        CheckSecretHash(client, responses, username);
        var user = SessionUser(session, username);
        if (!TotpMatches(user, code, now))
        {
            throw new CognitoErrorException("CodeMismatchException", "Invalid code received for user");
        }

        _sessions.Remove(session.Id);
        return Tokens(user, client, now);
    }

    private bool TotpMatches(LocalUserPoolUser user, string code, DateTimeOffset now)
    {
        if (_options.FixedTotpCode is { } fixedCode && FixedTimeEquals(fixedCode, code))
        {
            return true;
        }

        if (user.TotpSecret is null)
        {
            return false;
        }

        var key = LocalTotp.DecodeBase32(user.TotpSecret);
        var step = now.ToUnixTimeSeconds() / 30;
        for (var drift = -1; drift <= 1; drift++)
        {
            if (FixedTimeEquals(LocalTotp.ComputeCode(key, step + drift), code))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What follows a verified password: a forced new password, then TOTP, then tokens.</summary>
    private byte[] AfterPassword(LocalUserPoolUser user, LocalAppClient client, DateTimeOffset now)
    {
        if (user.Status == LocalUserStatus.ForceChangePassword)
        {
            var attributes = Jwt.Json(w =>
            {
                w.WriteStartObject();
                foreach (var (name, value) in user.Attributes.Where(a => a.Key != "sub"))
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
            });
            return Challenge("NEW_PASSWORD_REQUIRED", user, client, now, new Dictionary<string, string>
            {
                ["USER_ID_FOR_SRP"] = user.Username,
                ["requiredAttributes"] = "[]",
                ["userAttributes"] = Encoding.UTF8.GetString(attributes),
            });
        }

        if (user.TotpSecret is not null)
        {
            return Challenge("SOFTWARE_TOKEN_MFA", user, client, now, new Dictionary<string, string> { ["USER_ID_FOR_SRP"] = user.Username });
        }

        return Tokens(user, client, now);
    }

    private byte[] Challenge(string name, LocalUserPoolUser user, LocalAppClient client, DateTimeOffset now, Dictionary<string, string> parameters)
    {
        var session = NewSession(user.Username, client.ClientId, name, now);
        return Jwt.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("ChallengeName", name);
            w.WriteString("Session", session);
            WireJson.WriteMap(w, "ChallengeParameters", parameters);
            w.WriteEndObject();
        });
    }

    private byte[] Tokens(LocalUserPoolUser user, LocalAppClient client, DateTimeOffset now)
    {
        var refreshToken = WireIds.Opaque(96);
        var originJti = Guid.NewGuid().ToString("D");
        _refreshTokens[refreshToken] = new RefreshTokenRecord(user.Username, client.ClientId, now, now + _options.RefreshTokenLifetime, originJti);
        return Jwt.Json(w =>
        {
            w.WriteStartObject();
            WriteAuthenticationResult(w, user, client, now, now, refreshToken, originJti);
            w.WriteStartObject("ChallengeParameters");
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private void WriteAuthenticationResult(Utf8JsonWriter w, LocalUserPoolUser user, LocalAppClient client, DateTimeOffset authTime, DateTimeOffset now, string? refreshToken, string originJti)
    {
        var eventId = Guid.NewGuid().ToString("D");
        var accessJti = Guid.NewGuid().ToString("D");
        _accessTokens[accessJti] = new AccessTokenRecord(user.Username, ++_sequence, originJti);
        var accessToken = Jwt.Sign(Key, KeyId, c =>
        {
            c.WriteString("sub", user.Sub);
            c.WriteString("iss", Issuer);
            c.WriteString("client_id", client.ClientId);
            c.WriteString("origin_jti", originJti);
            c.WriteString("event_id", eventId);
            c.WriteString("token_use", "access");
            c.WriteString("scope", "aws.cognito.signin.user.admin");
            c.WriteNumber("auth_time", authTime.ToUnixTimeSeconds());
            c.WriteNumber("exp", (now + _options.AccessTokenLifetime).ToUnixTimeSeconds());
            c.WriteNumber("iat", now.ToUnixTimeSeconds());
            c.WriteString("jti", accessJti);
            c.WriteString("username", user.Username);
        });
        var idToken = Jwt.Sign(Key, KeyId, c =>
        {
            c.WriteString("sub", user.Sub);
            foreach (var (name, value) in user.Attributes.Where(a => a.Key != "sub"))
            {
                if (name.EndsWith("_verified", StringComparison.Ordinal) && bool.TryParse(value, out var flag))
                {
                    c.WriteBoolean(name, flag);
                }
                else
                {
                    c.WriteString(name, value);
                }
            }

            c.WriteString("iss", Issuer);
            c.WriteString("cognito:username", user.Username);
            c.WriteString("origin_jti", originJti);
            c.WriteString("aud", client.ClientId);
            c.WriteString("event_id", eventId);
            c.WriteString("token_use", "id");
            c.WriteNumber("auth_time", authTime.ToUnixTimeSeconds());
            c.WriteNumber("exp", (now + _options.IdTokenLifetime).ToUnixTimeSeconds());
            c.WriteNumber("iat", now.ToUnixTimeSeconds());
            c.WriteString("jti", Guid.NewGuid().ToString("D"));
        });
        w.WriteStartObject("AuthenticationResult");
        w.WriteString("AccessToken", accessToken);
        w.WriteNumber("ExpiresIn", (long)_options.AccessTokenLifetime.TotalSeconds);
        w.WriteString("TokenType", "Bearer");
        if (refreshToken is not null)
        {
            w.WriteString("RefreshToken", refreshToken);
        }

        w.WriteString("IdToken", idToken);
        w.WriteEndObject();
    }

    // ---- access-token operations ----

    public byte[] GetUser(JsonElement request)
    {
        var token = WireJson.RequiredString(request, "AccessToken");
        lock (_gate)
        {
            var user = AccessTokenUser(token);
            return Jwt.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("Username", user.Username);
                w.WriteStartArray("UserAttributes");
                foreach (var (name, value) in user.Attributes)
                {
                    w.WriteStartObject();
                    w.WriteString("Name", name);
                    w.WriteString("Value", value);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (user.TotpSecret is not null)
                {
                    w.WriteString("PreferredMfaSetting", "SOFTWARE_TOKEN_MFA");
                    w.WriteStartArray("UserMFASettingList");
                    w.WriteStringValue("SOFTWARE_TOKEN_MFA");
                    w.WriteEndArray();
                }

                w.WriteEndObject();
            });
        }
    }

    public byte[] GlobalSignOut(JsonElement request)
    {
        var token = WireJson.RequiredString(request, "AccessToken");
        lock (_gate)
        {
            var user = AccessTokenUser(token);
            user.SignedOutBelowSequence = _sequence + 1;
            foreach (var record in _refreshTokens.Values.Where(r => string.Equals(r.Username, user.Username, StringComparison.OrdinalIgnoreCase)))
            {
                record.Revoked = true;
            }

            return "{}"u8.ToArray();
        }
    }

    public byte[] RevokeToken(JsonElement request)
    {
        var token = WireJson.RequiredString(request, "Token");
        var clientId = WireJson.RequiredString(request, "ClientId");
        var secret = WireJson.OptionalString(request, "ClientSecret");
        lock (_gate)
        {
            if (!_clients.TryGetValue(clientId, out var client))
            {
                throw new CognitoErrorException("UnauthorizedException", "Invalid client id or client secret.");
            }

            if (client.ClientSecret is not null && (secret is null || !FixedTimeEquals(client.ClientSecret, secret)))
            {
                throw new CognitoErrorException("UnauthorizedException", "Invalid client id or client secret.");
            }

            if (token.Count(c => c == '.') == 2)
            {
                throw new CognitoErrorException("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.");
            }

            // RFC 7009: an unknown token is not an error.
            if (_refreshTokens.TryGetValue(token, out var record) && record.ClientId == clientId)
            {
                record.Revoked = true;
                _revokedOrigins.Add(record.OriginJti);
            }

            return "{}"u8.ToArray();
        }
    }

    /// <summary>The verified claims of one of this pool's ID tokens, or the reason it is refused (as Cognito Identity words it).</summary>
    public JsonElement VerifyIdToken(string token)
    {
        var claims = Jwt.ReadVerified(token, kid => kid == KeyId ? Key : null)
            ?? throw CognitoErrorException.NotAuthorized("Invalid login token. Not a valid OpenId Connect identity token.");
        if (!claims.TryGetProperty("iss", out var iss) || !iss.ValueEquals(Issuer))
        {
            throw CognitoErrorException.NotAuthorized("Invalid login token. Issuer doesn't match providerName");
        }

        if (!claims.TryGetProperty("token_use", out var use) || !use.ValueEquals("id"))
        {
            throw CognitoErrorException.NotAuthorized("Invalid login token. Not a valid OpenId Connect identity token.");
        }

        if (!claims.TryGetProperty("aud", out var aud) || aud.ValueKind != JsonValueKind.String || !ClientIds.Contains(aud.GetString()!))
        {
            throw CognitoErrorException.NotAuthorized("Invalid login token. Incorrect token audience.");
        }

        if (!claims.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expSeconds) || _time.GetUtcNow().ToUnixTimeSeconds() >= expSeconds)
        {
            throw CognitoErrorException.NotAuthorized("Invalid login token. Token expired: " + (exp.ValueKind == JsonValueKind.Number ? exp.GetRawText() : "?") + " >= " + _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        return claims;
    }

    private LocalUserPoolUser AccessTokenUser(string token)
    {
        var claims = Jwt.ReadVerified(token, kid => kid == KeyId ? Key : null);
        if (claims is not { } c || !c.TryGetProperty("token_use", out var use) || !use.ValueEquals("access")
            || !c.TryGetProperty("jti", out var jti) || jti.ValueKind != JsonValueKind.String
            || !_accessTokens.TryGetValue(jti.GetString()!, out var record) || !_users.TryGetValue(record.Username, out var user))
        {
            throw CognitoErrorException.NotAuthorized("Invalid Access Token");
        }

        if (record.Sequence < user.SignedOutBelowSequence || _revokedOrigins.Contains(record.OriginJti))
        {
            throw CognitoErrorException.NotAuthorized("Access Token has been revoked");
        }

        if (!c.TryGetProperty("exp", out var exp) || _time.GetUtcNow().ToUnixTimeSeconds() >= exp.GetInt64())
        {
            throw CognitoErrorException.NotAuthorized("Access Token has expired");
        }

        return user;
    }

    // ---- helpers ----

    private LocalAppClient FindClient(string clientId)
    {
        lock (_gate)
        {
            return _clients.TryGetValue(clientId, out var client)
                ? client
                : throw CognitoErrorException.ResourceNotFound($"User pool client {clientId} does not exist.");
        }
    }

    private LocalUserPoolUser FindUserForSignIn(string username) =>
        _users.TryGetValue(username, out var user) ? user
        : _options.PreventUserExistenceErrors ? throw CognitoErrorException.NotAuthorized(IncorrectCredentials)
        : throw new CognitoErrorException("UserNotFoundException", "User does not exist.");

    private static void CheckSecretHash(LocalAppClient client, Dictionary<string, string> parameters, string username)
    {
        if (client.ClientSecret is null)
        {
            return;
        }

        var hash = parameters.GetValueOrDefault("SECRET_HASH")
            ?? throw CognitoErrorException.NotAuthorized($"Client {client.ClientId} is configured with secret but SECRET_HASH was not received");
        if (!FixedTimeEquals(hash, SecretHash(client, username)))
        {
            throw CognitoErrorException.NotAuthorized($"Unable to verify secret hash for client {client.ClientId}");
        }
    }

    /// <summary>Base64(HMAC-SHA256(key = client secret, message = user name ‖ client ID)).</summary>
    internal static string SecretHash(LocalAppClient client, string username) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(client.ClientSecret!), Encoding.UTF8.GetBytes(username + client.ClientId)));

    private string NewSession(string username, string clientId, string challenge, DateTimeOffset now)
    {
        var id = WireIds.Opaque(192);
        _sessions[id] = new ChallengeSession(id, username, clientId, challenge, now + SessionLifetime);
        return id;
    }

    private ChallengeSession TakeSession(string? sessionId, LocalAppClient client, string challenge, DateTimeOffset now)
    {
        if (sessionId is null || !_sessions.TryGetValue(sessionId, out var session) || session.ClientId != client.ClientId || session.Challenge != challenge)
        {
            throw CognitoErrorException.NotAuthorized("Invalid session for the user.");
        }

        if (now >= session.ExpiresAt)
        {
            _sessions.Remove(sessionId);
            throw CognitoErrorException.NotAuthorized("Invalid session for the user, session is expired.");
        }

        return session;
    }

    private LocalUserPoolUser SessionUser(ChallengeSession session, string username) =>
        string.Equals(session.Username, username, StringComparison.OrdinalIgnoreCase) && _users.TryGetValue(session.Username, out var user)
            ? user
            : throw CognitoErrorException.NotAuthorized("Invalid session for the user.");

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _srpChallenges.Where(c => now >= c.Value.ExpiresAt).Select(c => c.Key).ToList())
        {
            _srpChallenges.Remove(key);
        }

        foreach (var key in _sessions.Where(c => now >= c.Value.ExpiresAt).Select(c => c.Key).ToList())
        {
            _sessions.Remove(key);
        }
    }

    private static string Required(Dictionary<string, string> map, string name) =>
        map.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw CognitoErrorException.InvalidParameter($"Missing required parameter {name}");

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private sealed record SrpChallenge(string UserId, string ClientId, BigInteger A, BigInteger B, BigInteger PrivateB, BigInteger Verifier, bool UserExists, DateTimeOffset ExpiresAt)
    {
        public override string ToString() => $"SrpChallenge {{ UserId = {UserId} }}";
    }

    private sealed record ChallengeSession(string Id, string Username, string ClientId, string Challenge, DateTimeOffset ExpiresAt)
    {
        public override string ToString() => $"ChallengeSession {{ Username = {Username}, Challenge = {Challenge} }}";
    }

    private sealed record AccessTokenRecord(string Username, long Sequence, string OriginJti);

    private sealed class RefreshTokenRecord(string username, string clientId, DateTimeOffset authTime, DateTimeOffset expiresAt, string originJti)
    {
        public string Username { get; } = username;

        public string ClientId { get; } = clientId;

        public DateTimeOffset AuthTime { get; } = authTime;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public string OriginJti { get; } = originJti;

        public bool Revoked { get; set; }
    }
}
