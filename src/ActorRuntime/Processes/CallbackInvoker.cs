using System.Runtime.CompilerServices;
using ActorRuntime.Calls;
using ActorRuntime.Mailboxes;
using ActorRuntime.Servers;

namespace ActorRuntime.Processes;

/// <summary>
/// Runs one of a server's callbacks for its process's loop and carries out what it returned: a callback
/// that throws crashes the actor; a call's <see cref="CallDecision"/> replies, defers the caller or stops
/// the actor. Stateless: everything it reads or writes belongs to the process it is handed.
/// </summary>
/// <remarks>
/// The server keeps its own state (<see cref="GenServer{TState}"/>); the process keeps the mailbox, the
/// schedule and the counters. Each method returns whether the actor goes on (<see langword="false"/> once
/// it has exited) and completes synchronously, without an async state machine, while the callback does.
/// </remarks>
internal static class CallbackInvoker
{
    /// <summary>Runs <c>InitAsync</c> (first, and after each restart). False when the actor exited instead.</summary>
    public static async ValueTask<bool> RunInitAsync(ActorProcess process)
    {
        try
        {
            await process.Server.RunInitAsync(process.System.ShutdownToken);
        }
        catch (Exception exception)
        {
            return await process.CrashAsync(exception, duringInit: true);
        }

        process.OnStarted();
        return true;
    }

    /// <summary>Starts <c>HandleCastAsync</c> or <c>HandleInfoAsync</c> for a tell.</summary>
    /// <remarks>
    /// Inlined into the loop's batch, which holds the try around it and counts and times a tell that completed
    /// at once (it reads what those need once per batch; bench/DECISIONS.md, 'Loop: casts and infos in the batch loop'),
    /// and a method holding the try is not inlined. A tell that throws goes to <see cref="CrashOnTell"/>, one that awaits to <see cref="AwaitTellAsync"/>.
    /// It takes the kind and message, not the envelope: an envelope passed by reference is kept in memory, and its
    /// <c>Message</c> was then called rather than inlined, one call more per tell (seen in the JIT's listing).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ValueTask StartTell(ActorProcess process, EnvelopeKind kind, object message) =>
        kind == EnvelopeKind.Cast
            ? process.Server.RunCastAsync(message)
            : process.Server.RunInfoAsync(message);

    /// <summary>A tell's callback threw before it returned: count it and crash the actor.</summary>
    public static ValueTask<bool> CrashOnTell(ActorProcess process, Exception exception, bool timed, long start, object message)
    {
        process.RecordHandled(timed, start, 0, message);
        return process.CrashAsync(exception, duringInit: false);
    }

    /// <summary>A tell's callback awaits: finish it (or crash on what it throws), then count and time it.</summary>
    public static async ValueTask<bool> AwaitTellAsync(ActorProcess process, ValueTask pending, bool timed, long start, object message)
    {
        try
        {
            await pending;
        }
        catch (Exception exception)
        {
            process.RecordHandled(timed, start, 0, message);
            return await process.CrashAsync(exception, duringInit: false);
        }

        process.RecordHandled(timed, start, 0, message);
        return true;
    }

    /// <summary>Runs <c>HandleCallAsync</c> for a call taken off the mailbox, then carries out its decision.</summary>
    /// <remarks>A call whose caller gave up while it was queued is skipped (counted as expired), not handled.</remarks>
    public static ValueTask<bool> RunCall(ActorProcess process, PendingCall call, bool timed, long start, LoopState loop)
    {
        if (!call.TryBeginHandling())
        {
            process.OnCallExpired(call);
            return new ValueTask<bool>(true);
        }

        process.Publish(ActorEventKind.CallHandling, call.RequestId, call.Request);
        loop.Current = call;
        ValueTask<CallDecision> pending;
        try
        {
            pending = process.Server.RunCallAsync(call.Request, new From(call));
        }
        catch (Exception exception)
        {
            process.RecordHandled(timed, start, call.RequestId, call.Request);
            return process.CrashAsync(exception, duringInit: false);
        }

        return pending.IsCompletedSuccessfully
            ? FinishCall(process, call, pending.Result, timed, start, loop) // outside the try: only the callback's own exceptions are crashes
            : AwaitDecisionAsync(process, call, pending, timed, start, loop);
    }

    /// <summary>Runs <c>TerminateAsync</c>; best effort, as in OTP: the actor is going away regardless.</summary>
    public static async ValueTask RunTerminateAsync(ActorProcess process, string reason)
    {
        try
        {
            await process.Server.RunTerminateAsync(reason);
        }
        catch (Exception)
        {
            // Ignored: a failing TerminateAsync must not keep the actor's exit or restart from completing.
        }
    }

    private static async ValueTask<bool> AwaitDecisionAsync(
        ActorProcess process, PendingCall call, ValueTask<CallDecision> pending, bool timed, long start, LoopState loop)
    {
        CallDecision decision;
        try
        {
            decision = await pending;
        }
        catch (Exception exception)
        {
            process.RecordHandled(timed, start, call.RequestId, call.Request);
            return await process.CrashAsync(exception, duringInit: false);
        }

        return await FinishCall(process, call, decision, timed, start, loop);
    }

    /// <summary>The callback returned: count the message, carry out the decision, then time the callback.</summary>
    private static ValueTask<bool> FinishCall(ActorProcess process, PendingCall call, CallDecision decision, bool timed, long start, LoopState loop)
    {
        loop.Current = null;
        process.CountHandled(loop, process.System.Metrics.Messages.Enabled); // before the reply goes out: a caller holding its reply sees the message handled
        var goesOn = CarryOut(process, call, decision, out var stopReason);
        process.RecordHandled(timed, start, call.RequestId, call.Request, counted: true);
        return goesOn ? new ValueTask<bool>(true) : process.ExitAsync(stopReason!, null, call);
    }

    /// <summary>Replies, defers the caller or asks for a stop. False for a stop, with its reason.</summary>
    private static bool CarryOut(ActorProcess process, PendingCall call, CallDecision decision, out string? stopReason)
    {
        stopReason = null;
        switch (decision.Kind)
        {
            case CallResultKind.Reply:
                if (!call.TryReply(decision.Reply))
                {
                    process.OnLateReply(call); // the caller timed out while we were handling it
                }

                return true;
            case CallResultKind.NoReply:
                if (process.DeferredList.TryDefer(call))
                {
                    process.Publish(ActorEventKind.CallDeferred, call.RequestId, call.Request);
                }

                return true;
            default:
                stopReason = decision.StopReason ?? "normal";
                return false;
        }
    }
}
