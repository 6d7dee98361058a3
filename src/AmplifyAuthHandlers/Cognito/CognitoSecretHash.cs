using System.Security.Cryptography;
using System.Text;

namespace AmplifyAuthHandlers;

/// <summary>The <c>SECRET_HASH</c> Cognito requires from app clients that have a client secret.</summary>
internal static class CognitoSecretHash
{
    /// <summary>Computes Base64(HMAC-SHA256(key = client secret, message = user name + client ID)).</summary>
    /// <param name="username">The user name (for PASSWORD_VERIFIER and refresh: the user name Cognito knows the user by).</param>
    /// <param name="clientId">The app client ID.</param>
    /// <param name="clientSecret">The app client secret.</param>
    /// <returns>The secret hash, base64.</returns>
    public static string Compute(string username, string clientId, string clientSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        var key = Encoding.UTF8.GetBytes(clientSecret);
        var message = Encoding.UTF8.GetBytes(username + clientId);
        return Convert.ToBase64String(HMACSHA256.HashData(key, message));
    }
}
