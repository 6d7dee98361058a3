namespace AmplifyAuthHandlers;

/// <summary>Where one endpoint's <see cref="TokenHandler"/> gets its token: the user-pool session or a token provider.</summary>
internal interface IEndpointTokenSource
{
    /// <summary>Names the source in messages, e.g. "its OIDC token provider (MyProvider)"; never a token.</summary>
    string Description { get; }

    /// <summary>The token for one attempt; <see langword="null"/> or empty is refused by the handler.</summary>
    /// <exception cref="AmplifyNotSignedInException">There is no user (or caller token) to take it from.</exception>
    ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
