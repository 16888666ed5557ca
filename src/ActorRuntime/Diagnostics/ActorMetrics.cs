using System.Diagnostics.Metrics;

namespace ActorRuntime.Diagnostics;

/// <summary>
/// The <c>ActorRuntime</c> meter's instruments for one <see cref="ActorSystem"/>. Each recording first
/// checks <see cref="Instrument.Enabled"/>, so nothing is paid while no listener collects them.
/// </summary>
internal sealed class ActorMetrics : IDisposable
{
    /// <summary>The meter name to enable in a metrics pipeline, e.g. OpenTelemetry's <c>AddMeter("ActorRuntime")</c>.</summary>
    public const string MeterName = "ActorRuntime";

    private readonly Meter _meter;

    public ActorMetrics(ActorSystem system)
    {
        _meter = new Meter(new MeterOptions(MeterName)
        {
            Version = typeof(ActorMetrics).Assembly.GetName().Version?.ToString(),
            Tags = [new KeyValuePair<string, object?>("actor.system", system.Options.Name)],
        });
        Messages = _meter.CreateCounter<long>("actor.messages", "{message}", "Messages handled by actor callbacks.");
        Calls = _meter.CreateCounter<long>("actor.calls", "{call}", "Calls started.");
        Replies = _meter.CreateCounter<long>("actor.call.replies", "{call}", "Calls answered in time.");
        Timeouts = _meter.CreateCounter<long>("actor.call.timeouts", "{call}", "Calls whose caller timed out, tagged by phase: queued, handling or deferred.");
        LateReplies = _meter.CreateCounter<long>("actor.call.late_replies", "{reply}", "Replies dropped because the caller no longer waited.");
        Expired = _meter.CreateCounter<long>("actor.call.expired", "{call}", "Queued calls skipped because the caller had given up.");
        Rejections = _meter.CreateCounter<long>("actor.mailbox.rejections", "{message}", "Messages refused by a full bounded mailbox.");
        Crashes = _meter.CreateCounter<long>("actor.crashes", "{crash}", "Callbacks that threw.");
        Restarts = _meter.CreateCounter<long>("actor.restarts", "{restart}", "Restarts by a restart policy.");
        CallDuration = _meter.CreateHistogram<double>("actor.call.duration", "s", "Time from call to outcome.");
        HandleDuration = _meter.CreateHistogram<double>("actor.handle.duration", "s", "Time a callback ran.");
        _meter.CreateObservableUpDownCounter("actor.live", () => system.ActorCount, "{actor}", "Live actors.");
        _meter.CreateObservableGauge("actor.mailbox.depth", () => system.TotalQueueDepth(), "{message}", "Messages waiting in all mailboxes.");
        _meter.CreateObservableGauge("actor.call.deferred", () => system.TotalDeferredCalls(), "{call}", "Callers waiting on a NoReply.");
    }

    public Counter<long> Messages { get; }

    public Counter<long> Calls { get; }

    public Counter<long> Replies { get; }

    public Counter<long> Timeouts { get; }

    public Counter<long> LateReplies { get; }

    public Counter<long> Expired { get; }

    public Counter<long> Rejections { get; }

    public Counter<long> Crashes { get; }

    public Counter<long> Restarts { get; }

    public Histogram<double> CallDuration { get; }

    public Histogram<double> HandleDuration { get; }

    public void Dispose() => _meter.Dispose();
}
