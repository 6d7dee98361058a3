using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.ApiGateway;

/// <summary>A minimal user pool for the gateway's tests: one RSA key under one <c>kid</c>, tokens minted on demand.</summary>
internal sealed class TestTokenIssuer : ILocalTokenIssuer, IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public TestTokenIssuer(string issuer = "http://127.0.0.1:9229/us-east-1_TestPool", string clientId = "test-client", string keyId = "test-kid")
    {
        Issuer = issuer;
        ClientIds = [clientId];
        KeyId = keyId;
    }

    public string Issuer { get; }

    public IReadOnlyCollection<string> ClientIds { get; }

    public string KeyId { get; }

    public bool TryGetSigningKey(string keyId, [NotNullWhen(true)] out RSA? key)
    {
        key = keyId == KeyId ? _key : null;
        return key is not null;
    }

    /// <summary>Mints a token; <paramref name="change"/> edits the claims first (set a claim to null to remove it).</summary>
    public string Mint(string tokenUse, DateTimeOffset now, Action<JsonObject>? change = null, RSA? signWith = null, string? keyId = null)
    {
        var claims = new JsonObject
        {
            ["sub"] = "sub-" + tokenUse,
            ["iss"] = Issuer,
            ["token_use"] = tokenUse,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + TimeSpan.FromHours(1)).ToUnixTimeSeconds(),
        };
        if (tokenUse == "access")
        {
            claims["client_id"] = ClientIds.First();
        }
        else
        {
            claims["aud"] = ClientIds.First();
        }

        change?.Invoke(claims);
        foreach (var name in claims.Where(c => c.Value is null).Select(c => c.Key).ToList())
        {
            claims.Remove(name);
        }

        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = keyId ?? KeyId, ["typ"] = "JWT" };
        var signingInput = Encode(header.ToJsonString()) + "." + Encode(claims.ToJsonString());
        var signature = (signWith ?? _key).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public void Dispose() => _key.Dispose();

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
