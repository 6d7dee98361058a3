using System.Security.Cryptography;

namespace AmplifyAuthHandlers.Testing;

/// <summary>Random IDs and keys shaped like Cognito's and STS's.</summary>
internal static class WireIds
{
    private const string LowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string MixedAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary><c>us-east-1_AbC123xYz</c>.</summary>
    public static string UserPoolId(string region) => region + "_" + RandomNumberGenerator.GetString(MixedAlnum, 9);

    /// <summary><c>us-east-1:&lt;guid&gt;</c>, the shape of identity pool and identity IDs.</summary>
    public static string RegionGuid(string region) => region + ":" + Guid.NewGuid().ToString("D");

    /// <summary>26 lowercase letters and digits.</summary>
    public static string ClientId() => RandomNumberGenerator.GetString(LowerAlnum, 26);

    /// <summary>51 lowercase letters and digits, as Cognito's client secrets.</summary>
    public static string ClientSecret() => RandomNumberGenerator.GetString(LowerAlnum, 51);

    /// <summary><c>ASIA</c> and 16 more, as temporary STS keys.</summary>
    public static string AccessKeyId() => "ASIA" + RandomNumberGenerator.GetString(UpperAlnum, 16);

    /// <summary>40 characters of base64.</summary>
    public static string SecretAccessKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

    public static string Opaque(int bytes) => Jwt.Base64Url(RandomNumberGenerator.GetBytes(bytes));
}
