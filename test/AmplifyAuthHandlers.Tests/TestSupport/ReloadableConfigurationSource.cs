using Microsoft.Extensions.Configuration;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>An in-memory configuration whose whole content can be replaced, raising the reload token as a file provider with reloadOnChange does.</summary>
internal sealed class ReloadableConfigurationSource : ConfigurationProvider, IConfigurationSource
{
    public ReloadableConfigurationSource(IDictionary<string, string?> values) => Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Replace(IDictionary<string, string?> values)
    {
        Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        OnReload();
    }
}
