namespace ActorRuntime; // public surface: see README.md, "Layout"

/// <summary>A caller still waiting, as <see cref="ActorSystem.GetPendingCalls"/> (every phase) and <see cref="ActorSystem.GetDeferredCalls"/> report it.</summary>
/// <param name="RequestId">The call's <see cref="From.RequestId"/>.</param>
/// <param name="Request">What was asked.</param>
/// <param name="Phase">Where the call stands: <see cref="CallPhase.Queued"/>, <see cref="CallPhase.Handling"/> or <see cref="CallPhase.Deferred"/>.</param>
/// <param name="Elapsed">Time since the call started.</param>
/// <param name="Timeout">The caller's timeout (<see cref="Timeout.InfiniteTimeSpan"/> for none).</param>
public sealed record PendingCallInfo(long RequestId, object Request, CallPhase Phase, TimeSpan Elapsed, TimeSpan Timeout)
{
    /// <summary>When the caller stops waiting, by the system's clock; <see cref="DateTimeOffset.MaxValue"/> for no timeout.</summary>
    public DateTimeOffset Deadline { get; init; }

    /// <summary>The request as error messages show it: its <c>ToString</c>, cut at 200 characters.</summary>
    public string RequestText => ActorRuntime.RequestText.Of(Request);
}
