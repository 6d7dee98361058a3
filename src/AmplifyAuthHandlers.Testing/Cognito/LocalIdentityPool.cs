using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace AmplifyAuthHandlers.Testing;

/// <summary>
/// The identity pool behind <see cref="LocalCognito"/>: identities for guests and for the user pool's users, and
/// the temporary credentials it issues. Thread-safe.
/// </summary>
internal sealed class LocalIdentityPool : IDisposable
{
    private const string OpenIdIssuer = "https://cognito-identity.amazonaws.com";

    private readonly Lock _gate = new();
    private readonly LocalCognitoOptions _options;
    private readonly LocalUserPool _userPool;
    private readonly Dictionary<string, string?> _identities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _identityBySub = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalAwsCredentials> _credentials = new(StringComparer.Ordinal);
    private readonly Lazy<RSA> _openIdKey = new(() => RSA.Create(2048));
    private readonly string _openIdKeyId = WireIds.Opaque(24);

    public LocalIdentityPool(LocalCognitoOptions options, string poolId, LocalUserPool userPool, string loginsKey)
    {
        _options = options;
        PoolId = poolId;
        _userPool = userPool;
        LoginsKey = loginsKey;
    }

    public string PoolId { get; }

    public string LoginsKey { get; }

    public LocalAwsCredentials? FindCredentials(string accessKeyId) => _credentials.GetValueOrDefault(accessKeyId);

    public void Dispose()
    {
        if (_openIdKey.IsValueCreated)
        {
            _openIdKey.Value.Dispose();
        }
    }

    public byte[] GetId(JsonElement request)
    {
        var poolId = WireJson.RequiredString(request, "IdentityPoolId");
        if (poolId != PoolId)
        {
            throw CognitoErrorException.ResourceNotFound($"IdentityPool '{poolId}' not found.");
        }

        var sub = Subject(WireJson.Map(request, "Logins"));
        string identityId;
        lock (_gate)
        {
            if (sub is null)
            {
                identityId = WireIds.RegionGuid(_options.Region);
                _identities.Add(identityId, null);
            }
            else if (!_identityBySub.TryGetValue(sub, out identityId!))
            {
                identityId = WireIds.RegionGuid(_options.Region);
                _identities.Add(identityId, sub);
                _identityBySub.Add(sub, identityId);
            }
        }

        return Jwt.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("IdentityId", identityId);
            w.WriteEndObject();
        });
    }

    public byte[] GetCredentialsForIdentity(JsonElement request)
    {
        var (identityId, authenticated) = Authorize(WireJson.RequiredString(request, "IdentityId"), WireJson.Map(request, "Logins"));
        var now = _options.TimeProvider.GetUtcNow();
        var credentials = new LocalAwsCredentials(
            WireIds.AccessKeyId(),
            WireIds.SecretAccessKey(),
            WireIds.Opaque(300),
            now + _options.CredentialsLifetime,
            identityId,
            authenticated ? _options.AuthenticatedRole : _options.UnauthenticatedRole);
        _credentials[credentials.AccessKeyId] = credentials;
        return Jwt.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("Credentials");
            w.WriteString("AccessKeyId", credentials.AccessKeyId);
            w.WriteNumber("Expiration", credentials.Expiration!.Value.ToUnixTimeSeconds());
            w.WriteString("SecretKey", credentials.SecretAccessKey);
            w.WriteString("SessionToken", credentials.SessionToken);
            w.WriteEndObject();
            w.WriteString("IdentityId", identityId);
            w.WriteEndObject();
        });
    }

    public byte[] GetOpenIdToken(JsonElement request)
    {
        var (identityId, authenticated) = Authorize(WireJson.RequiredString(request, "IdentityId"), WireJson.Map(request, "Logins"));
        var now = _options.TimeProvider.GetUtcNow();
        var token = Jwt.Sign(_openIdKey.Value, _openIdKeyId, c =>
        {
            c.WriteString("sub", identityId);
            c.WriteString("aud", PoolId);
            c.WriteString("iss", OpenIdIssuer);
            c.WriteStartArray("amr");
            c.WriteStringValue(authenticated ? "authenticated" : "unauthenticated");
            if (authenticated)
            {
                c.WriteStringValue(LoginsKey);
            }

            c.WriteEndArray();
            c.WriteNumber("exp", (now + TimeSpan.FromMinutes(10)).ToUnixTimeSeconds());
            c.WriteNumber("iat", now.ToUnixTimeSeconds());
        });
        return Jwt.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("IdentityId", identityId);
            w.WriteString("Token", token);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Checks the identity against the logins: the identity that answers (a guest identity whose user already has
    /// one answers as that one, as Cognito merges them) and whether it is authenticated.
    /// </summary>
    private (string IdentityId, bool Authenticated) Authorize(string identityId, Dictionary<string, string> logins)
    {
        var sub = Subject(logins);
        lock (_gate)
        {
            if (!_identities.TryGetValue(identityId, out var owner))
            {
                throw CognitoErrorException.ResourceNotFound($"Identity '{identityId}' not found.");
            }

            if (sub is null)
            {
                return owner is null
                    ? (identityId, false)
                    : throw CognitoErrorException.NotAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
            }

            if (owner is null)
            {
                // A guest identity that signs in becomes the user's identity; if the user has one already, that one answers.
                if (_identityBySub.TryGetValue(sub, out var existing))
                {
                    return (existing, true);
                }

                _identities[identityId] = sub;
                _identityBySub[sub] = identityId;
                return (identityId, true);
            }

            return owner == sub
                ? (identityId, true)
                : throw CognitoErrorException.NotAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
        }
    }

    /// <summary>The user-pool subject of the logins, or <see langword="null"/> for a guest (refused when guests are off).</summary>
    private string? Subject(Dictionary<string, string> logins)
    {
        if (logins.Count == 0)
        {
            return _options.AllowUnauthenticatedIdentities
                ? null
                : throw CognitoErrorException.NotAuthorized("Unauthenticated access is not supported for this identity pool.");
        }

        if (logins.Count > 1 || !logins.TryGetValue(LoginsKey, out var token))
        {
            throw CognitoErrorException.NotAuthorized("Token is not from a supported provider of this identity pool.");
        }

        var claims = _userPool.VerifyIdToken(token);
        return claims.GetProperty("sub").GetString();
    }
}
