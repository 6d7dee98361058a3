using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace AmplifyAuthHandlers.Tests.Docs;

/// <summary>docs/telemetry.md lists every instrument of the AmplifyAuthHandlers meter (name, kind, unit) and every span name.</summary>
[TestFixture]
public sealed partial class TelemetryCatalogTests
{
    [Test]
    public void TelemetryDoc_EveryInstrument_ListedWithKindAndUnit()
    {
        RuntimeHelpersTouch();
        var instruments = new List<Instrument>();
        using (var listener = new MeterListener { InstrumentPublished = (instrument, _) => { if (instrument.Meter.Name == "AmplifyAuthHandlers") { instruments.Add(instrument); } } })
        {
            listener.Start();
        }

        var documented = File.ReadLines(DocPath()).Select(l => InstrumentRow().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => (Kind: m.Groups[2].Value, Unit: m.Groups[3].Value));

        Assert.That(instruments, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var instrument in instruments)
            {
                var kind = instrument.GetType().Name.Split('`')[0];
                Assert.That(documented.TryGetValue(instrument.Name, out var row) ? $"{row.Kind} {row.Unit}" : "(missing)", Is.EqualTo($"{kind} {instrument.Unit}"),
                    $"docs/telemetry.md: instrument {instrument.Name}");
            }

            Assert.That(documented.Keys.Except(instruments.Select(i => i.Name)), Is.Empty, "docs/telemetry.md lists instruments the code no longer has");
        });
    }

    [Test]
    public void TelemetryDoc_EverySpan_Listed()
    {
        var spans = typeof(AmplifyTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Span", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        var text = File.ReadAllText(DocPath());

        Assert.That(spans, Has.Count.GreaterThanOrEqualTo(7));
        Assert.That(spans.Where(s => !text.Contains($"| `{s}` |", StringComparison.Ordinal)), Is.Empty, "spans missing from docs/telemetry.md");
    }

    /// <summary>The instruments are static fields: touching the class creates them before the listener enumerates.</summary>
    private static void RuntimeHelpersTouch() => _ = AmplifyTelemetry.Meter;

    private static string DocPath() => Path.Combine(DocSnippetTests.RepositoryRoot(), "docs", "telemetry.md");

    [GeneratedRegex(@"^\| `([a-z0-9_.]+)` \| (Counter|Histogram|UpDownCounter|Gauge) \| `([^`]*)` \|")]
    private static partial Regex InstrumentRow();
}
