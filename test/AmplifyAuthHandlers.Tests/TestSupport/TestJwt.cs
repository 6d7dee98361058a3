using System.Text;
using System.Text.Json.Nodes;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>Unsigned JWT-shaped tokens with the claims the library reads (exp, sub, username, token_use).</summary>
internal static class TestJwt
{
    public static string Create(DateTimeOffset expiresAt, string? subject, string tokenUse, string? username = null, string? marker = null)
    {
        var payload = new JsonObject
        {
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["token_use"] = tokenUse,
            ["iss"] = "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_pool",
        };
        if (subject is not null)
        {
            payload["sub"] = subject;
        }

        if (username is not null)
        {
            payload[tokenUse == "id" ? "cognito:username" : "username"] = username;
        }

        if (marker is not null)
        {
            payload["jti"] = marker;
        }

        return $"{Encode("""{"alg":"RS256","kid":"test"}""")}.{Encode(payload.ToJsonString())}.c2lnbmF0dXJl";
    }

    private static string Encode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
