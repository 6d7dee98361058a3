namespace AmplifyAuthHandlers.Testing;

/// <summary>An app client of a <see cref="LocalCognito"/> user pool. <see cref="ToString"/> never prints the secret.</summary>
/// <param name="ClientId">The client ID (26 lowercase letters and digits).</param>
/// <param name="ClientSecret">The client secret that <c>SECRET_HASH</c> is computed with, or <see langword="null"/>.</param>
public sealed record LocalAppClient(string ClientId, string? ClientSecret)
{
    /// <inheritdoc/>
    public override string ToString() => $"LocalAppClient {{ ClientId = {ClientId}, HasSecret = {ClientSecret is not null} }}";
}
