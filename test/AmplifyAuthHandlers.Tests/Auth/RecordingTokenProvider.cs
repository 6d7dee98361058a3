using System.Collections.Concurrent;

namespace AmplifyAuthHandlers.Tests.Auth;

/// <summary>A token provider that answers with <see cref="Respond"/> and records every context it was asked with.</summary>
internal sealed class RecordingTokenProvider : IAmplifyTokenProvider
{
    public Func<AmplifyTokenContext, string?> Respond { get; set; } = context => context.ForceRefresh ? "refreshed-token" : "first-token";

    public ConcurrentQueue<AmplifyTokenContext> Contexts { get; } = new();

    public ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken)
    {
        Contexts.Enqueue(context);
        return ValueTask.FromResult(Respond(context));
    }
}
