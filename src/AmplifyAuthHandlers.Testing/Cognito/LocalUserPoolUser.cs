using System.Numerics;

namespace AmplifyAuthHandlers.Testing;

/// <summary>A user of the local user pool. Mutable under the pool's lock only.</summary>
internal sealed class LocalUserPoolUser(string username, string password, string sub, Dictionary<string, string> attributes, LocalUserStatus status, string? totpSecret)
{
    public string Username { get; } = username;

    public string Password { get; set; } = password;

    public string Sub { get; } = sub;

    public Dictionary<string, string> Attributes { get; } = attributes;

    public LocalUserStatus Status { get; set; } = status;

    public string? TotpSecret { get; } = totpSecret;

    /// <summary>The SRP salt, fixed per user as Cognito's.</summary>
    public BigInteger Salt { get; } = SrpServer.RandomPrivate() >> 128;

    /// <summary>Access tokens whose sequence number is below this were revoked by <c>GlobalSignOut</c>.</summary>
    public long SignedOutBelowSequence { get; set; }

    public override string ToString() => $"LocalUserPoolUser {{ Username = {Username}, Status = {Status} }}";
}
