namespace AmplifyAuthHandlers;

/// <summary>The default token store: process memory only.</summary>
internal sealed class InMemoryTokenStore : IAmplifyTokenStore
{
    private UserPoolTokens? _tokens;

    public ValueTask<UserPoolTokens?> LoadAsync(CancellationToken cancellationToken) => new(Volatile.Read(ref _tokens));

    public ValueTask SaveAsync(UserPoolTokens tokens, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _tokens, tokens);
        return ValueTask.CompletedTask;
    }

    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _tokens, null);
        return ValueTask.CompletedTask;
    }
}
