namespace AmplifyAuthHandlers;

/// <summary>
/// Keeps Cognito identity IDs between calls (and, with a persistent implementation, between runs), so that a
/// guest or user keeps one identity instead of minting a new one per process.
/// </summary>
public interface IAmplifyIdentityIdStore
{
    /// <summary>Returns the identity ID stored under <paramref name="key"/>.</summary>
    /// <param name="key">Identity pool and principal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The identity ID, or <see langword="null"/>.</returns>
    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores an identity ID.</summary>
    /// <param name="key">Identity pool and principal.</param>
    /// <param name="identityId">The identity ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetAsync(string key, string identityId, CancellationToken cancellationToken);

    /// <summary>Forgets an identity ID.</summary>
    /// <param name="key">Identity pool and principal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed.</returns>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken);
}
