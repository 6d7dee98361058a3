namespace AmplifyAuthHandlers;

/// <summary>
/// Keeps the signed-in user's tokens. The default keeps them in memory (the session ends with the process);
/// <see cref="AmplifyFileTokenStore"/> keeps them in an owner-only file so a CLI stays signed in.
/// </summary>
public interface IAmplifyTokenStore
{
    /// <summary>Loads the stored tokens.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tokens, or <see langword="null"/> when none are stored.</returns>
    ValueTask<UserPoolTokens?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stores tokens, replacing any stored before.</summary>
    /// <param name="tokens">The tokens.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SaveAsync(UserPoolTokens tokens, CancellationToken cancellationToken);

    /// <summary>Forgets the stored tokens.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when cleared.</returns>
    ValueTask ClearAsync(CancellationToken cancellationToken);
}
