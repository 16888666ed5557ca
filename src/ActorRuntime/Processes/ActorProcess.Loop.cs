using ActorRuntime.Calls;
using ActorRuntime.Diagnostics;
using ActorRuntime.Mailboxes;

namespace ActorRuntime.Processes;

internal sealed partial class ActorProcess
{
    /// <summary>Without listeners, one fast callback in this many (plus the first of each turn) is timed for the handle-time stats.</summary>
    private const int SampleEvery = 256;

    /// <summary>A callback at least this long is followed by a timed one: timing it costs under 3% of it.</summary>
    private static readonly long SlowCallbackTicks = TimeSpan.FromMicroseconds(2).Ticks;

    /// <summary>The process whose callback this thread is running synchronously, if any.</summary>
    [ThreadStatic]
    private static ActorProcess? t_handling;

    private bool _needsInit = true;
    private LoopState? _loop; // created with the first message; see LoopState for why it is apart

    /// <summary>Makes sure the loop runs soon; at most one loop runs per actor.</summary>
    public void Schedule()
    {
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = RunAsync();

    /// <summary>
    /// Handles messages until the mailbox is empty or the turn is spent while other work waits for the
    /// thread pool (see <see cref="Turn"/>). Completes synchronously (allocating nothing) while the callbacks do.
    /// </summary>
    private async Task RunAsync()
    {
        var turn = new Turn(System.Options.Throughput);
        while (true)
        {
            if (Volatile.Read(ref _stopReason) is { } reason)
            {
                await ExitAsync(reason, null);
                return;
            }

            if (_needsInit)
            {
                if (!await InitAsync())
                {
                    return;
                }

                continue;
            }

            if (turn.Budget == 0)
            {
                if (turn.IsLong(System.Time) && ThreadPool.PendingWorkItemCount > 0)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false); // let other actors run
                    return;
                }

                turn.Budget = System.Options.Throughput; // a short turn goes on; so does one nobody waits behind
            }

            switch (HandleBatch(ref turn, out var awaiting))
            {
                case BatchEnd.Awaiting:
                    if (!await awaiting)
                    {
                        return;
                    }

                    break;
                case BatchEnd.Exited:
                    return;
                case BatchEnd.Empty:
                    if (GoIdle())
                    {
                        return;
                    }

                    break;
            }
        }
    }

    /// <summary>How <see cref="HandleBatch"/> stopped.</summary>
    private enum BatchEnd
    {
        /// <summary>The mailbox is empty.</summary>
        Empty,

        /// <summary>The budget is spent, a stop was requested, or a restart needs InitAsync first.</summary>
        Yield,

        /// <summary>A callback awaits; the loop continues when it completes.</summary>
        Awaiting,

        /// <summary>A callback made the actor exit.</summary>
        Exited,
    }

    /// <summary>
    /// Handles messages one after another without the async machinery in between, until the mailbox
    /// is empty, the turn's budget is spent, a stop is requested or a callback awaits.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Casts and infos are handled right here rather than in a method per message: with the
    /// thread-static write and the status check once per batch, that took a tell's cost on the loop's
    /// side from ~22 to ~11 ns (one actor draining a million queued tells), so the loop no longer
    /// falls behind its senders.
    /// </para>
    /// <para>
    /// Reading the clock costs more than handling a tell, so while nobody listens (no event listener, no
    /// <c>actor.handle.duration</c> histogram) only a sample of callbacks is timed for
    /// <see cref="ActorInfo"/>'s handle-time figures: the first of each turn, every one after a callback
    /// that took <see cref="SlowCallbackTicks"/> or more, and otherwise one in <see cref="SampleEvery"/>
    /// (timing one in 64 cost a flood of fast tells 1.4 ns of the ~11 each took on the loop's side).
    /// Counters stay exact. Whether listeners, the histogram or the message counter want more than the count
    /// is read once per batch (at most <see cref="ActorSystemOptions.Throughput"/> messages): a listener that
    /// subscribes during a flood gets its <see cref="ActorEventKind.MessageHandled"/> events from the next batch on.
    /// </para>
    /// </remarks>
    private BatchEnd HandleBatch(ref Turn turn, out ValueTask<bool> awaiting)
    {
        awaiting = default;
        LoopState? loop = null; // created with the first message, not by the run that follows InitAsync
        var timeEvery = System.Metrics.HandleDuration.Enabled || HasListeners;
        var metered = System.Metrics.Messages.Enabled;
        t_handling = this; // cleared by EndBatch, before the loop can await
        while (turn.Budget > 0)
        {
            if (Volatile.Read(ref _stopReason) is not null)
            {
                return EndBatch(BatchEnd.Yield);
            }

            var envelope = _mailbox.Take();
            if (!envelope.HasMessage)
            {
                return EndBatch(BatchEnd.Empty);
            }

            if (loop is null)
            {
                loop = _loop ??= new LoopState();
                if (Status != ActorStatus.Busy)
                {
                    SetStatus(ActorStatus.Busy);
                }
            }

            turn.Budget--;
            var timed = timeEvery || !turn.Started || loop.MessagesHandled >= loop.NextTimedAt;
            var start = timed ? System.Time.GetTimestamp() : 0;
            if (!turn.Started)
            {
                turn.Started = true;
                turn.StartedAt = start;
            }

            if (envelope.Kind == EnvelopeKind.Call)
            {
                var handled = HandleCallAsync(envelope.Call!, timed, start, loop);
                if (!handled.IsCompletedSuccessfully)
                {
                    awaiting = handled;
                    return EndBatch(BatchEnd.Awaiting);
                }

                if (!handled.Result)
                {
                    return EndBatch(BatchEnd.Exited);
                }

                if (_needsInit)
                {
                    return EndBatch(BatchEnd.Yield); // the call crashed the actor and it restarted: InitAsync comes before the next message
                }

                continue;
            }

            ValueTask pending;
            try
            {
                pending = envelope.Kind == EnvelopeKind.Cast
                    ? _server.HandleCastCoreAsync(envelope.Message)
                    : _server.HandleInfoCoreAsync(envelope.Message);
            }
            catch (Exception exception)
            {
                RecordHandled(timed, start, 0, envelope.Message);
                awaiting = CrashAsync(exception, duringInit: false);
                return EndBatch(BatchEnd.Awaiting);
            }

            if (!pending.IsCompletedSuccessfully)
            {
                awaiting = AwaitMessageAsync(pending, timed, start, envelope.Message);
                return EndBatch(BatchEnd.Awaiting);
            }

            pending.GetAwaiter().GetResult(); // lets a pooled source behind the ValueTask go
            if (timed)
            {
                RecordHandled(timed, start, 0, envelope.Message);
            }
            else
            {
                CountHandled(loop, metered);
            }
        }

        return EndBatch(BatchEnd.Yield);
    }

    /// <summary>Ends a batch: this thread no longer runs the actor's callbacks (what awaits continues elsewhere).</summary>
    private static BatchEnd EndBatch(BatchEnd end)
    {
        t_handling = null;
        return end;
    }

    /// <summary>The mailbox looked empty: marks the actor idle. False when a message (or a stop) slipped in and the loop goes on.</summary>
    private bool GoIdle()
    {
        _deferred?.Prune(); // answered calls are not kept while idle
        if (_loop is { } idle)
        {
            _mailbox.TrimIfOversized(idle.HandledSinceIdle, System.Time); // a past flood's large ring is not kept while idle
            idle.HandledAtIdle = idle.MessagesHandled;
        }

        SetStatus(ActorStatus.Idle);
        Interlocked.Exchange(ref _scheduled, 0);
        return (_mailbox.IsEmpty && Volatile.Read(ref _stopReason) is null)
            || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0; // idle, or another thread has scheduled the loop again
    }

    private async ValueTask<bool> InitAsync()
    {
        try
        {
            await _server.InitCoreAsync(System.ShutdownToken);
        }
        catch (Exception exception)
        {
            return await CrashAsync(exception, duringInit: true);
        }

        _needsInit = false;
        SetStatus(ActorStatus.Idle);
        Publish(ActorEventKind.Started);
        return true;
    }

    private async ValueTask<bool> AwaitMessageAsync(ValueTask pending, bool timed, long start, object message)
    {
        try
        {
            await pending;
        }
        catch (Exception exception)
        {
            RecordHandled(timed, start, 0, message);
            return await CrashAsync(exception, duringInit: false);
        }

        RecordHandled(timed, start, 0, message);
        return true;
    }

    /// <remarks>Like casts, no async state machine runs while <c>HandleCallAsync</c> completes synchronously.</remarks>
    private ValueTask<bool> HandleCallAsync(PendingCall call, bool timed, long start, LoopState loop)
    {
        if (!call.TryBeginHandling())
        {
            Volatile.Write(ref _expired, _expired + 1); // the caller gave up while it was queued
            System.Metrics.Expired.Add(1);
            Publish(ActorEventKind.CallExpired, call.RequestId, call.Request, outcome: call.Outcome);
            return new ValueTask<bool>(true);
        }

        Publish(ActorEventKind.CallHandling, call.RequestId, call.Request);
        loop.Current = call;
        ValueTask<CallDecision> pending;
        try
        {
            pending = _server.HandleCallCoreAsync(call.Request, new From(call));
        }
        catch (Exception exception)
        {
            RecordHandled(timed, start, call.RequestId, call.Request);
            return CrashAsync(exception, duringInit: false);
        }

        return pending.IsCompletedSuccessfully
            ? ApplyDecision(call, pending.Result, timed, start, loop) // outside the try: only the callback's own exceptions are crashes
            : AwaitDecisionAsync(call, pending, timed, start, loop);
    }

    private async ValueTask<bool> AwaitDecisionAsync(PendingCall call, ValueTask<CallDecision> pending, bool timed, long start, LoopState loop)
    {
        CallDecision decision;
        try
        {
            decision = await pending;
        }
        catch (Exception exception)
        {
            RecordHandled(timed, start, call.RequestId, call.Request);
            return await CrashAsync(exception, duringInit: false);
        }

        return await ApplyDecision(call, decision, timed, start, loop);
    }

    private ValueTask<bool> ApplyDecision(PendingCall call, CallDecision decision, bool timed, long start, LoopState loop)
    {
        loop.Current = null;
        CountHandled(loop, System.Metrics.Messages.Enabled); // before the reply goes out: a caller holding its reply sees the message handled
        var keepRunning = Decide(call, decision, out var stopReason);
        RecordHandled(timed, start, call.RequestId, call.Request, counted: true);
        return keepRunning ? new ValueTask<bool>(true) : ExitAsync(stopReason!, null, call);
    }

    /// <summary>Applies HandleCallAsync's decision. False when it asked the actor to stop.</summary>
    private bool Decide(PendingCall call, CallDecision decision, out string? stopReason)
    {
        stopReason = null;
        switch (decision.Kind)
        {
            case CallResultKind.Reply:
                if (!call.TryReply(decision.Reply))
                {
                    OnLateReply(call); // the caller timed out while we were handling it
                }

                return true;
            case CallResultKind.NoReply:
                if (DeferredList.TryDefer(call))
                {
                    Publish(ActorEventKind.CallDeferred, call.RequestId, call.Request);
                }

                return true;
            default:
                stopReason = decision.StopReason ?? "normal";
                return false;
        }
    }

    /// <summary>The deferred-call list, created on first use. The loop's (and tests') only.</summary>
    internal DeferredCalls DeferredList => LazyInitializer.EnsureInitialized(ref _deferred);

    /// <summary>For tests: runs <paramref name="action"/> as if inside one of this actor's callbacks.</summary>
    internal void RunAsCallback(Action action)
    {
        t_handling = this;
        try
        {
            action();
        }
        finally
        {
            t_handling = null;
        }
    }

    /// <summary>Counts one handled message, and reports it to the <c>actor.messages</c> counter when <paramref name="metered"/> (a batch reads that once).</summary>
    private void CountHandled(LoopState loop, bool metered)
    {
        Volatile.Write(ref loop.MessagesHandled, loop.MessagesHandled + 1);
        if (metered)
        {
            System.Metrics.Messages.Add(1);
        }
    }

    private void RecordHandled(bool timed, long start, long requestId, object message, bool counted = false)
    {
        if (!counted)
        {
            CountHandled(_loop!, System.Metrics.Messages.Enabled);
        }

        if (!timed)
        {
            return;
        }

        var elapsed = System.Time.GetElapsedTime(start);
        var loop = _loop!;
        loop.HandleTimes.Record(elapsed.Ticks);
        loop.NextTimedAt = loop.MessagesHandled + (elapsed.Ticks >= SlowCallbackTicks ? 0 : SampleEvery - 1); // counted already
        if (System.Metrics.HandleDuration.Enabled)
        {
            System.Metrics.HandleDuration.Record(elapsed.TotalSeconds);
        }

        Publish(ActorEventKind.MessageHandled, requestId, message, elapsed);
    }
}
