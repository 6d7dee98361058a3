using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace AmplifyAuthHandlers.Testing;

/// <summary>An issuer of RS256 JWTs (a local user pool) whose tokens a <c>LocalApiGateway</c> verifies.</summary>
public interface ILocalTokenIssuer
{
    /// <summary>Gets the <c>iss</c> claim of every token this issuer signs (its base URL plus the pool ID).</summary>
    string Issuer { get; }

    /// <summary>Gets the app client IDs tokens are issued to (the ID token's <c>aud</c>, the access token's <c>client_id</c>).</summary>
    IReadOnlyCollection<string> ClientIds { get; }

    /// <summary>Finds the public key that verifies tokens whose header names <paramref name="keyId"/>.</summary>
    /// <param name="keyId">The JWT header's <c>kid</c>.</param>
    /// <param name="key">The RSA public key.</param>
    /// <returns><see langword="true"/> when the key is known.</returns>
    bool TryGetSigningKey(string keyId, [NotNullWhen(true)] out RSA? key);
}
