using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>Tells <see cref="IOptionsMonitor{TOptions}"/> that <see cref="AmplifyRestApiOptions"/> changed, as a reloaded source would.</summary>
internal sealed class OptionsChange : IOptionsChangeTokenSource<AmplifyRestApiOptions>, IDisposable
{
    private CancellationTokenSource _source = new();

    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(_source.Token);

    public void Raise()
    {
        var previous = Interlocked.Exchange(ref _source, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    public void Dispose() => _source.Dispose();
}
