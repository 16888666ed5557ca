using ActorRuntime;
using Dashboard.Heartbeats;
using Dashboard.Hubs;

namespace Dashboard.Services;

/// <summary>
/// How one call ended, as its caller saw it — classified once, here, from the reply or the runtime's
/// exception, and read as is by the calls table, the timeline, the counters and the hub.
/// </summary>
/// <remarks>
/// <see cref="Kind"/> says how the call ended (the hub's wire value); the rest are details of that kind.
/// A finer case belongs in a detail property of its kind, so the kind — and the hub's contract — stays as
/// it is: <see cref="TimeoutKind"/> is such a detail of <see cref="CallOutcomeKind.Timeout"/>.
/// </remarks>
/// <param name="CallId">The call.</param>
/// <param name="Kind">How it ended.</param>
/// <param name="Text">A one-line, human-readable result.</param>
public sealed record CallOutcomeView(long CallId, CallOutcomeKind Kind, string Text)
{
    /// <summary>The call id of the answer the caller received (a reply, own or not); null when none arrived.</summary>
    public long? AnsweredWith { get; init; }

    /// <summary>Where the call was when it timed out; null unless <see cref="Kind"/> is <see cref="CallOutcomeKind.Timeout"/>.</summary>
    public TimeoutKind? TimeoutKind { get; init; }

    /// <summary>How long the external work took, when an answer (own or misrouted) arrived; null otherwise.</summary>
    public TimeSpan? ExternalLatency { get; init; }

    /// <summary>True when the caller got an answer that belonged to another call (naive mode only).</summary>
    /// <remarks>Its <see cref="Kind"/> is <see cref="CallOutcomeKind.Replied"/>: the runtime did deliver a reply, just not this call's.</remarks>
    public bool IsMisrouted => AnsweredWith is { } answer && answer != CallId;

    /// <summary>True only when the caller got its own, successful answer.</summary>
    public bool Ok => Kind == CallOutcomeKind.Replied && !IsMisrouted;

    /// <summary>Where the ended call stands on the page (<c>data-stage</c>, the chip colour).</summary>
    public CallStage Stage => Kind switch
    {
        CallOutcomeKind.Replied => IsMisrouted ? CallStage.Misrouted : CallStage.Replied,
        CallOutcomeKind.Timeout => CallStage.TimedOut,
        _ => CallStage.Error,
    };

    /// <summary>The outcome of a call made while the session had no actor.</summary>
    public static CallOutcomeView NoActor(long callId, SessionState state) =>
        new(callId, CallOutcomeKind.NoActor, state == SessionState.AtCapacity ? "server at capacity" : "no actor");

    /// <summary>The outcome of a call the actor answered with <paramref name="reply"/>.</summary>
    public static CallOutcomeView Answered(long callId, HeartbeatReply reply)
    {
        var kind = reply.Ok || reply.CallId != callId ? CallOutcomeKind.Replied : CallOutcomeKind.ExternalFailure;
        var text = reply.CallId != callId ? $"misrouted: got the answer of call #{reply.CallId}" : reply.Message;
        return new(callId, kind, text) { AnsweredWith = reply.CallId, ExternalLatency = reply.ExternalLatency };
    }

    /// <summary>The outcome of a call that failed with <paramref name="error"/>; null for an exception that is not a call outcome.</summary>
    public static CallOutcomeView? Failed(long callId, Exception error, TimeSpan timeout) => error switch
    {
        CallTimeoutException timedOut => TimedOut(callId, TimeoutKinds.Of(timedOut), timeout),
        ActorExitedException exited => new(callId, CallOutcomeKind.ActorExited, $"actor exited: {exited.Reason}"),
        MailboxFullException full => new(callId, CallOutcomeKind.MailboxFull, $"mailbox full ({full.Capacity})"),
        CallCancelledException => new(callId, CallOutcomeKind.Cancelled, "cancelled by operator"),
        OperationCanceledException => new(callId, CallOutcomeKind.Cancelled, "cancelled by the caller"),
        _ => null,
    };

    /// <summary>The outcome of a call whose <paramref name="timeout"/> passed while it was where <paramref name="kind"/> says.</summary>
    public static CallOutcomeView TimedOut(long callId, TimeoutKind kind, TimeSpan timeout) =>
        new(callId, CallOutcomeKind.Timeout, $"timed out after {timeout.TotalMilliseconds:0} ms {TimeoutKinds.Where(kind)}") { TimeoutKind = kind };
}
