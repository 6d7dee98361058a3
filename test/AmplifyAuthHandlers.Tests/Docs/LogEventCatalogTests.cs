using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Tests.Docs;

/// <summary>docs/telemetry.md lists every log event the packages write, with its ID and level, and no event they don't.</summary>
[TestFixture]
public sealed partial class LogEventCatalogTests
{
    [Test]
    public void TelemetryDoc_EveryLoggerMessage_ListedWithItsLevel()
    {
        var inCode = LoggerMessages().ToDictionary(m => m.EventId, m => m.Level.ToString());
        var inDoc = DocumentedEvents();

        Assert.That(inCode, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (eventId, level) in inCode)
            {
                Assert.That(inDoc.TryGetValue(eventId, out var documented) ? documented : "(missing)", Is.EqualTo(level),
                    $"docs/telemetry.md: event {eventId}");
            }

            Assert.That(inDoc.Keys.Except(inCode.Keys), Is.Empty, "docs/telemetry.md lists events the code no longer writes");
        });
    }

    [Test]
    public void LoggerMessages_EventIds_Unique()
    {
        var duplicates = LoggerMessages().GroupBy(m => m.EventId).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.That(duplicates, Is.Empty);
    }

    private static IEnumerable<LoggerMessageAttribute> LoggerMessages() =>
        new[] { typeof(IAmplifyRestApi).Assembly, typeof(Microsoft.Extensions.DependencyInjection.AmplifyAwsSdkBuilderExtensions).Assembly, typeof(global::AmplifyAuthHandlers.AspNetCore.AmplifyCallerTokenForwardingOptions).Assembly }
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>();

    private static Dictionary<int, string> DocumentedEvents()
    {
        var path = Path.Combine(DocSnippetTests.RepositoryRoot(), "docs", "telemetry.md");
        return File.ReadLines(path)
            .Select(line => EventRow().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match => match.Groups[2].Value);
    }

    [GeneratedRegex(@"^\| (\d+) \| (\w+) \|")]
    private static partial Regex EventRow();
}
