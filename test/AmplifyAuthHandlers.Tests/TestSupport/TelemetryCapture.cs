using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// Listens to the library's ActivitySource and Meter (both named AmplifyAuthHandlers) while it lives: the spans that
/// stopped and the counter measurements, with their tags, so a test can check what a handler recorded.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _counts = [];
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;

    public TelemetryCapture()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AmplifyTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (_spans) { _spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AmplifyTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (_counts)
            {
                _counts.Add((instrument.Name, value, copy));
            }
        });
        _meterListener.Start();
    }

    /// <summary>The tags of every measurement of <paramref name="instrument"/> (each counted 1) whose tag <paramref name="key"/> is <paramref name="value"/>.</summary>
    public List<Dictionary<string, object?>> Counts(string instrument, string key, object value)
    {
        lock (_counts)
        {
            return [.. _counts.Where(c => c.Instrument == instrument && Equals(c.Tags.GetValueOrDefault(key), value)).Select(c => c.Tags)];
        }
    }

    /// <summary>The spans named <paramref name="name"/> tagged with <paramref name="endpoint"/>.</summary>
    public List<Activity> Spans(string name, string endpoint)
    {
        lock (_spans)
        {
            return [.. _spans.Where(a => a.OperationName == name && (string?)a.GetTagItem(AmplifyTelemetry.EndpointTag) == endpoint)];
        }
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }
}
