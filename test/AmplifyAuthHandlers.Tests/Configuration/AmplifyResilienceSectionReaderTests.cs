using Microsoft.Extensions.Configuration;

namespace AmplifyAuthHandlers.Tests.Configuration;

[TestFixture]
public sealed class AmplifyResilienceSectionReaderTests
{
    private static (AmplifyRestEndpointOptions Endpoint, List<string> Problems) Read(Dictionary<string, string?> resilience)
    {
        var values = resilience.ToDictionary(pair => $"Amplify:Endpoints:orders:Resilience:{pair.Key}", pair => pair.Value);
        values["Amplify:Endpoints:orders:Endpoint"] = "https://a.example.com/";
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Amplify:Endpoints:orders");
        var endpoint = new AmplifyRestEndpointOptions();
        var problems = new List<string>();
        AmplifyResilienceSectionReader.Read(section, endpoint, problems);
        return (endpoint, problems);
    }

    [Test]
    public void SourceKey_PrefixesResilience() =>
        Assert.That(AmplifyResilienceSectionReader.SourceKey("TotalTimeout"), Is.EqualTo("Resilience.TotalTimeout"));

    [Test]
    public void Keys_AreTheFiveSettings() =>
        Assert.That(AmplifyResilienceSectionReader.Keys, Is.EqualTo(new[] { "Enabled", "MaxRetryAttempts", "RetryNonIdempotent", "AttemptTimeout", "TotalTimeout" }));

    [Test]
    public void Read_NoSection_KeepsTheDefaultsAndRecordsEachKeysPath()
    {
        var (endpoint, problems) = Read([]);

        var resilience = endpoint.Resilience;
        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty);
            Assert.That(
                (resilience.Enabled, resilience.MaxRetryAttempts, resilience.RetryNonIdempotent, resilience.AttemptTimeout, resilience.TotalTimeout),
                Is.EqualTo((true, 2, false, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90))));
            Assert.That(
                AmplifyResilienceSectionReader.Keys.Select(key => endpoint.SourcePaths[AmplifyResilienceSectionReader.SourceKey(key)]),
                Is.EqualTo(AmplifyResilienceSectionReader.Keys.Select(key => $"configuration key 'Amplify:Endpoints:orders:Resilience:{key}'")));
        });
    }

    [Test]
    public void Read_EverySetting_IsReadTrimmed()
    {
        var (endpoint, problems) = Read(new()
        {
            ["Enabled"] = " false ",
            ["MaxRetryAttempts"] = " 7 ",
            ["RetryNonIdempotent"] = " True ",
            ["AttemptTimeout"] = " 00:00:05 ",
            ["TotalTimeout"] = "00:02:00",
        });

        var resilience = endpoint.Resilience;
        Assert.That(problems, Is.Empty);
        Assert.That(
            (resilience.Enabled, resilience.MaxRetryAttempts, resilience.RetryNonIdempotent, resilience.AttemptTimeout, resilience.TotalTimeout),
            Is.EqualTo((false, 7, true, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2))));
    }

    [Test]
    public void Read_NegativeRetries_IsReadForTheValidatorToRefuse() =>
        Assert.That(Read(new() { ["MaxRetryAttempts"] = "-1" }).Endpoint.Resilience.MaxRetryAttempts, Is.EqualTo(-1));

    [Test]
    public void Read_BlankValues_KeepTheDefaults()
    {
        var (endpoint, problems) = Read(new()
        {
            ["Enabled"] = " ",
            ["MaxRetryAttempts"] = "",
            ["RetryNonIdempotent"] = " ",
            ["AttemptTimeout"] = " ",
            ["TotalTimeout"] = "",
        });

        var resilience = endpoint.Resilience;
        Assert.That(problems, Is.Empty);
        Assert.That(
            (resilience.Enabled, resilience.MaxRetryAttempts, resilience.RetryNonIdempotent, resilience.AttemptTimeout, resilience.TotalTimeout),
            Is.EqualTo((true, 2, false, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90))));
    }

    [TestCase("Enabled", "on", "Endpoint 'orders': 'on' at configuration key 'Amplify:Endpoints:orders:Resilience:Enabled' is not true or false.")]
    [TestCase("RetryNonIdempotent", "1", "Endpoint 'orders': '1' at configuration key 'Amplify:Endpoints:orders:Resilience:RetryNonIdempotent' is not true or false.")]
    [TestCase("MaxRetryAttempts", "two", "Endpoint 'orders': 'two' at configuration key 'Amplify:Endpoints:orders:Resilience:MaxRetryAttempts' is not a whole number; expected 0 to 10.")]
    [TestCase("MaxRetryAttempts", "1.5", "Endpoint 'orders': '1.5' at configuration key 'Amplify:Endpoints:orders:Resilience:MaxRetryAttempts' is not a whole number; expected 0 to 10.")]
    [TestCase("AttemptTimeout", "30s", "Endpoint 'orders': '30s' at configuration key 'Amplify:Endpoints:orders:Resilience:AttemptTimeout' is not a time span such as 00:00:30.")]
    [TestCase("TotalTimeout", "soon", "Endpoint 'orders': 'soon' at configuration key 'Amplify:Endpoints:orders:Resilience:TotalTimeout' is not a time span such as 00:00:30.")]
    public void Read_UnreadableValue_IsTheExactMessageAndKeepsTheDefault(string key, string value, string expected)
    {
        var (endpoint, problems) = Read(new() { [key] = value });

        var resilience = endpoint.Resilience;
        Assert.That(problems, Is.EqualTo(new[] { expected }));
        Assert.That(
            (resilience.Enabled, resilience.MaxRetryAttempts, resilience.RetryNonIdempotent, resilience.AttemptTimeout, resilience.TotalTimeout),
            Is.EqualTo((true, 2, false, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90))));
    }
}
