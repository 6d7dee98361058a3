using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace AmplifyAuthHandlers;

/// <summary>
/// The client side of Cognito's SRP-6a (<c>USER_SRP_AUTH</c>): the public value <see cref="SrpA"/> for
/// <c>InitiateAuth</c>, then the PASSWORD_VERIFIER answer. One instance per sign-in attempt: it holds the
/// private value <c>a</c>.
/// </summary>
/// <remarks>
/// Group: RFC 5054's 3072-bit prime with g = 2. Numbers are hashed in Cognito's padding: unsigned big-endian, with a
/// leading 0x00 when the first byte is 0x80 or more (the two's-complement form of a positive number).
/// k = H(PAD(N) | PAD(g)), u = H(PAD(A) | PAD(B)), x = H(PAD(salt) | H(poolName | userId | ":" | password)),
/// S = (B − k·gˣ)^(a + u·x) mod N, key = HKDF-SHA256(ikm = PAD(S), salt = PAD(u), info = "Caldera Derived Key", 16 bytes),
/// signature = Base64(HMAC-SHA256(key, poolName | userId | secretBlock | timestamp)).
/// </remarks>
internal sealed class CognitoSrpHelper
{
    private const string NHex =
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
        + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
        + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
        + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
        + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
        + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
        + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
        + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

    private const int SmallAByteCount = 128;
    private const string TimestampFormat = "ddd MMM d HH:mm:ss 'UTC' yyyy";

    private static readonly byte[] DerivedKeyInfo = Encoding.UTF8.GetBytes("Caldera Derived Key");

    private readonly string _poolName;
    private readonly TimeProvider _timeProvider;
    private readonly BigInteger _smallA;
    private readonly BigInteger _largeA;

    /// <summary>Creates a helper with a given private value; tests use it for golden values.</summary>
    /// <param name="userPoolId">The user pool ID, for example <c>us-east-1_AbCdEf123</c>.</param>
    /// <param name="timeProvider">The clock of the PASSWORD_VERIFIER timestamp.</param>
    /// <param name="smallA">The private value a, 0 &lt; a.</param>
    internal CognitoSrpHelper(string userPoolId, TimeProvider timeProvider, BigInteger smallA)
    {
        ArgumentException.ThrowIfNullOrEmpty(userPoolId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var underscore = userPoolId.IndexOf('_', StringComparison.Ordinal);
        if (underscore < 0 || underscore == userPoolId.Length - 1)
        {
            throw new ArgumentException($"'{userPoolId}' is not a Cognito user pool ID; expected '<region>_<name>', for example 'us-east-1_AbCdEf123'.", nameof(userPoolId));
        }

        if (smallA.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(smallA), "The SRP private value must be positive.");
        }

        _poolName = userPoolId[(underscore + 1)..];
        _timeProvider = timeProvider;
        _smallA = smallA;
        _largeA = BigInteger.ModPow(G, smallA, N);
        if (_largeA.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(smallA), "The SRP private value gives A = 0 mod N.");
        }

        SrpA = ToHex(_largeA);
    }

    /// <summary>Gets the group's prime N.</summary>
    internal static BigInteger N { get; } = FromHex(NHex);

    /// <summary>Gets the generator g = 2.</summary>
    internal static BigInteger G { get; } = new(2);

    /// <summary>Gets the multiplier k = H(PAD(N) | PAD(g)).</summary>
    internal static BigInteger K { get; } = HashToInteger(Pad(N), Pad(G));

    /// <summary>Gets the public value A = gᵃ mod N as lowercase hexadecimal without leading zeros: the <c>SRP_A</c> auth parameter.</summary>
    public string SrpA { get; }

    /// <summary>Creates a helper with a fresh random 1024-bit private value.</summary>
    /// <param name="userPoolId">The user pool ID, for example <c>us-east-1_AbCdEf123</c>.</param>
    /// <param name="timeProvider">The clock of the PASSWORD_VERIFIER timestamp.</param>
    /// <returns>The helper.</returns>
    public static CognitoSrpHelper Create(string userPoolId, TimeProvider timeProvider)
    {
        BigInteger smallA;
        do
        {
            smallA = new BigInteger(RandomNumberGenerator.GetBytes(SmallAByteCount), isUnsigned: true, isBigEndian: true) % N;
        }
        while (smallA.IsZero);

        return new CognitoSrpHelper(userPoolId, timeProvider, smallA);
    }

    /// <summary>
    /// Builds the <c>ChallengeResponses</c> of a PASSWORD_VERIFIER challenge: USERNAME, PASSWORD_CLAIM_SECRET_BLOCK,
    /// PASSWORD_CLAIM_SIGNATURE and TIMESTAMP. Add SECRET_HASH (for USER_ID_FOR_SRP) when the client has a secret.
    /// </summary>
    /// <param name="challengeParameters">The challenge's parameters (SRP_B, SALT, SECRET_BLOCK, USER_ID_FOR_SRP).</param>
    /// <param name="password">The user's password.</param>
    /// <returns>The challenge responses.</returns>
    /// <exception cref="CognitoServiceException">Its <see cref="CognitoServiceException.ErrorCode"/> is <see cref="CognitoErrorCodes.InvalidResponse"/>: A parameter is missing or invalid.</exception>
    public Dictionary<string, string> CreatePasswordVerifierResponses(IReadOnlyDictionary<string, string> challengeParameters, string password)
    {
        ArgumentNullException.ThrowIfNull(challengeParameters);
        var userId = Required(challengeParameters, CognitoAuthParameters.UserIdForSrp);
        var secretBlock = Required(challengeParameters, CognitoAuthParameters.SecretBlock);
        var claim = ComputePasswordClaim(
            userId,
            password,
            Required(challengeParameters, CognitoAuthParameters.SrpB),
            Required(challengeParameters, CognitoAuthParameters.Salt),
            secretBlock);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CognitoAuthParameters.Username] = userId,
            [CognitoAuthParameters.PasswordClaimSecretBlock] = secretBlock,
            [CognitoAuthParameters.PasswordClaimSignature] = claim.Signature,
            [CognitoAuthParameters.Timestamp] = claim.Timestamp,
        };
    }

    /// <summary>Computes PASSWORD_CLAIM_SIGNATURE and TIMESTAMP for a PASSWORD_VERIFIER challenge.</summary>
    /// <param name="userIdForSrp">USER_ID_FOR_SRP.</param>
    /// <param name="password">The user's password.</param>
    /// <param name="srpB">SRP_B, hexadecimal.</param>
    /// <param name="salt">SALT, hexadecimal.</param>
    /// <param name="secretBlock">SECRET_BLOCK, base64.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="CognitoServiceException">Its <see cref="CognitoServiceException.ErrorCode"/> is <see cref="CognitoErrorCodes.InvalidResponse"/>: A parameter is invalid, B ≡ 0 (mod N) or u = 0.</exception>
    public CognitoPasswordClaim ComputePasswordClaim(string userIdForSrp, string password, string srpB, string salt, string secretBlock)
    {
        byte[] secretBlockBytes;
        try
        {
            secretBlockBytes = Convert.FromBase64String(secretBlock);
        }
        catch (FormatException)
        {
            throw CognitoErrors.InvalidChallenge($"The PASSWORD_VERIFIER challenge's {CognitoAuthParameters.SecretBlock} is not base64.");
        }

        var key = ComputePasswordAuthenticationKey(userIdForSrp, password, srpB, salt);
        var timestamp = _timeProvider.GetUtcNow().UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
        var message = Concat(
            Encoding.UTF8.GetBytes(_poolName),
            Encoding.UTF8.GetBytes(userIdForSrp),
            secretBlockBytes,
            Encoding.UTF8.GetBytes(timestamp));
        return new CognitoPasswordClaim(Convert.ToBase64String(HMACSHA256.HashData(key, message)), timestamp);
    }

    /// <summary>Computes the 16-byte HKDF key both sides derive from the shared secret S.</summary>
    /// <param name="userIdForSrp">USER_ID_FOR_SRP.</param>
    /// <param name="password">The user's password.</param>
    /// <param name="srpB">SRP_B, hexadecimal.</param>
    /// <param name="salt">SALT, hexadecimal.</param>
    /// <returns>The key.</returns>
    /// <exception cref="CognitoServiceException">Its <see cref="CognitoServiceException.ErrorCode"/> is <see cref="CognitoErrorCodes.InvalidResponse"/>: A parameter is invalid, B ≡ 0 (mod N) or u = 0.</exception>
    internal byte[] ComputePasswordAuthenticationKey(string userIdForSrp, string password, string srpB, string salt)
    {
        ArgumentException.ThrowIfNullOrEmpty(userIdForSrp);
        ArgumentNullException.ThrowIfNull(password);
        var largeB = ParseHex(srpB, CognitoAuthParameters.SrpB);
        var saltValue = ParseHex(salt, CognitoAuthParameters.Salt);
        if ((largeB % N).IsZero)
        {
            throw CognitoErrors.InvalidChallenge("The PASSWORD_VERIFIER challenge's SRP_B is 0 modulo N; the server's value is invalid, so the sign-in was aborted.");
        }

        var u = ComputeU(_largeA, largeB);
        if (u.IsZero)
        {
            throw CognitoErrors.InvalidChallenge("The SRP scrambling parameter u = H(A | B) is 0; the sign-in was aborted. Retry with a new attempt.");
        }

        var identityHash = SHA256.HashData(Encoding.UTF8.GetBytes($"{_poolName}{userIdForSrp}:{password}"));
        var x = HashToInteger(Pad(saltValue), identityHash);
        var gx = BigInteger.ModPow(G, x, N);
        var baseValue = (largeB - (K * gx)) % N;
        if (baseValue.Sign < 0)
        {
            baseValue += N;
        }

        var s = BigInteger.ModPow(baseValue, _smallA + (u * x), N);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, Pad(s), 16, Pad(u), DerivedKeyInfo);
    }

    /// <summary>Computes u = H(PAD(A) | PAD(B)).</summary>
    /// <param name="largeA">A.</param>
    /// <param name="largeB">B.</param>
    /// <returns>u.</returns>
    internal static BigInteger ComputeU(BigInteger largeA, BigInteger largeB) => HashToInteger(Pad(largeA), Pad(largeB));

    /// <summary>Cognito's padding: the minimal big-endian two's-complement bytes of a non-negative number.</summary>
    /// <param name="value">A non-negative number.</param>
    /// <returns>The bytes; a leading 0x00 is kept when the next byte is 0x80 or more.</returns>
    internal static byte[] Pad(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    /// <summary>Parses unsigned hexadecimal (any case, odd length allowed).</summary>
    /// <param name="hex">The digits.</param>
    /// <returns>The number.</returns>
    internal static BigInteger FromHex(string hex)
    {
        var even = hex.Length % 2 == 0 ? hex : "0" + hex;
        return new BigInteger(Convert.FromHexString(even), isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Formats a non-negative number as lowercase hexadecimal without leading zeros.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The digits, <c>0</c> for zero.</returns>
    internal static string ToHex(BigInteger value)
    {
        var hex = Convert.ToHexString(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0');
        return hex.Length == 0 ? "0" : hex.ToLowerInvariant();
    }

    private static BigInteger ParseHex(string? hex, string name)
    {
        if (string.IsNullOrEmpty(hex) || !hex.All(char.IsAsciiHexDigit))
        {
            throw CognitoErrors.InvalidChallenge($"The PASSWORD_VERIFIER challenge's {name} is missing or not hexadecimal.");
        }

        return FromHex(hex);
    }

    private static string Required(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw CognitoErrors.InvalidChallenge($"The PASSWORD_VERIFIER challenge has no {name} parameter; it cannot be answered.");

    private static BigInteger HashToInteger(byte[] first, byte[] second) =>
        new(SHA256.HashData(Concat(first, second)), isUnsigned: true, isBigEndian: true);

    private static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
