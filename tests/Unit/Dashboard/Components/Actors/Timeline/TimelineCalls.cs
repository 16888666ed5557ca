using Dashboard.Heartbeats;
using Dashboard.Hubs;
using Dashboard.Services;

namespace Unit.Dashboard.Components.Actors.Timeline;

/// <summary>Known sequences of <see cref="CallRecord"/>s for the timeline tests, on a microsecond clock.</summary>
internal static class TimelineCalls
{
    /// <summary>Timestamp ticks per second: one tick is a microsecond.</summary>
    public const long Frequency = 1_000_000;

    /// <summary>A timestamp <paramref name="ms"/> milliseconds after an arbitrary origin (0 means "not reached", so the origin is not 0).</summary>
    public static long At(double ms) => 1_000_000 + (long)(ms * 1000);

    /// <summary>A call sent at <paramref name="sentMs"/>, taken, started and deferred within 30 µs — the usual case.</summary>
    public static CallRecord Deferred(long id, double sentMs = 0, ActorMode mode = ActorMode.Correct, double timeoutMs = 5000) => new()
    {
        CallId = id,
        Origin = CallOrigin.Burst,
        Mode = mode,
        Timeout = TimeSpan.FromMilliseconds(timeoutMs),
        SentAt = At(sentMs),
        HandlingAt = At(sentMs + 0.01),
        ExternalStartedAt = At(sentMs + 0.02),
        DeferredAt = At(sentMs + 0.03),
    };

    /// <summary>A call answered with its own result: the job took <paramref name="latencyMs"/>.</summary>
    public static CallRecord Replied(long id, double sentMs = 0, double latencyMs = 300) => Deferred(id, sentMs) with
    {
        ExternalDoneAt = At(sentMs + latencyMs),
        EndedAt = At(sentMs + latencyMs + 0.05),
        Outcome = new CallOutcomeView(id, CallOutcomeKind.Replied, "pong") { AnsweredWith = id },
    };

    /// <summary>A call that timed out at <paramref name="timeoutMs"/>; its job reports at <paramref name="doneMs"/> (if given), then the reply is dropped as late.</summary>
    public static CallRecord TimedOut(long id, double sentMs = 0, double timeoutMs = 1000, double? doneMs = null, bool lateReply = false)
    {
        var call = Deferred(id, sentMs, timeoutMs: timeoutMs) with
        {
            EndedAt = At(sentMs + timeoutMs),
            Outcome = TimedOutOutcome(id),
        };
        if (doneMs is { } done)
        {
            call = call with { ExternalDoneAt = At(sentMs + done), LateReplyAt = lateReply ? At(sentMs + done + 0.05) : 0 };
        }

        return call;
    }

    /// <summary>
    /// A naive burst of three: each call overwrites the previous one's From; job #1 reports first and its
    /// answer goes to #3 (misrouted); #1 and #2 hang until their timeout.
    /// </summary>
    public static IReadOnlyList<CallRecord> NaiveBurstOfThree(double timeoutMs = 1000, double latencyMs = 300) =>
    [
        Deferred(1, 0, ActorMode.Naive, timeoutMs) with { ExternalDoneAt = At(latencyMs), EndedAt = At(timeoutMs), Outcome = TimedOutOutcome(1) },
        Deferred(2, 0.1, ActorMode.Naive, timeoutMs) with { ExternalDoneAt = At(latencyMs + 5), EndedAt = At(0.1 + timeoutMs), Outcome = TimedOutOutcome(2) },
        Deferred(3, 0.2, ActorMode.Naive, timeoutMs) with
        {
            ExternalDoneAt = At(latencyMs + 10),
            EndedAt = At(latencyMs + 0.05),
            Outcome = new CallOutcomeView(3, CallOutcomeKind.Replied, "misrouted: got the answer of call #1") { AnsweredWith = 1 },
        },
    ];

    /// <summary>The outcome of call <paramref name="id"/> when its caller gave up.</summary>
    public static CallOutcomeView TimedOutOutcome(long id) => new(id, CallOutcomeKind.Timeout, "timed out");
}
