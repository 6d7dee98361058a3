using System.Collections.Concurrent;

namespace AmplifyAuthHandlers;

/// <summary>The default identity-ID store: process memory only.</summary>
internal sealed class InMemoryIdentityIdStore : IAmplifyIdentityIdStore
{
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        new(_ids.TryGetValue(key, out var id) ? id : null);

    public ValueTask SetAsync(string key, string identityId, CancellationToken cancellationToken)
    {
        _ids[key] = identityId;
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        _ids.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }
}
