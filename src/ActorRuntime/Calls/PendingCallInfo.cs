namespace ActorRuntime; // public surface: see README.md, "Layout"

/// <summary>A caller still waiting on a NoReply, as <see cref="ActorSystem.GetDeferredCalls"/> reports it.</summary>
/// <param name="RequestId">The call's <see cref="From.RequestId"/>.</param>
/// <param name="Request">What was asked.</param>
/// <param name="Phase">Where the call stands (normally <see cref="CallPhase.Deferred"/>).</param>
/// <param name="Elapsed">Time since the call started.</param>
/// <param name="Timeout">The caller's timeout (<see cref="Timeout.InfiniteTimeSpan"/> for none).</param>
public sealed record PendingCallInfo(long RequestId, object Request, CallPhase Phase, TimeSpan Elapsed, TimeSpan Timeout);
