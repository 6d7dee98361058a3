namespace AmplifyAuthHandlers;

/// <summary>The token file's shape.</summary>
internal sealed record StoredTokens(string? AccessToken, string? IdToken, string? RefreshToken)
{
    public override string ToString() => "StoredTokens { *** }";
}
