using ActorRuntime.Mailboxes;

namespace ActorRuntime.Processes;

internal sealed partial class ActorProcess
{
    /// <summary>Without listeners, one fast callback in this many (plus the first of each turn) is timed for the handle-time stats.</summary>
    private const int SampleEvery = 256;

    /// <summary>A callback at least this long is followed by a timed one (bench/DECISIONS.md, 'Loop: sampled handle times').</summary>
    private static readonly long SlowCallbackTicks = TimeSpan.FromMicroseconds(2).Ticks;

    /// <summary>How <see cref="HandleBatch"/> stopped.</summary>
    private enum BatchEnd
    {
        /// <summary>The mailbox is empty.</summary>
        Empty,

        /// <summary>The budget is spent, a stop or operator request waits, or a restart needs InitAsync first.</summary>
        Yield,

        /// <summary>A callback awaits; the loop continues when it completes.</summary>
        Awaiting,

        /// <summary>A callback made the actor exit.</summary>
        Exited,
    }

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
                if (!await CallbackInvoker.RunInitAsync(this))
                {
                    return;
                }

                continue;
            }

            if (Volatile.Read(ref _interrupt) != 0)
            {
                if (!await RunOperatorRequestsAsync())
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

    /// <summary>
    /// Handles messages one after another without the async machinery in between, until the mailbox
    /// is empty, the turn's budget is spent, a stop is requested or a callback awaits.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The thread-static write and the status check happen once per batch, not per message, and a tell's callback
    /// is started here, in the batch's own try (<see cref="CallbackInvoker.StartTell"/> is inlined; a method holding
    /// a try is not), so the loop keeps up with its senders (bench/DECISIONS.md, 'Loop: casts and infos in the batch loop').
    /// </para>
    /// <para>
    /// Reading the clock costs more than handling a tell, so while nobody listens (no event listener, no
    /// <c>actor.handle.duration</c> histogram) only a sample of callbacks is timed for
    /// <see cref="ActorInfo"/>'s handle-time figures: the first of each turn, every one after a callback
    /// that took <see cref="SlowCallbackTicks"/> or more, and otherwise one in <see cref="SampleEvery"/>
    /// (bench/DECISIONS.md, 'Loop: sampled handle times').
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
            if (Volatile.Read(ref _interrupt) != 0)
            {
                return EndBatch(BatchEnd.Yield); // a stop or an operator request: RunAsync sees to it
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
                var handled = CallbackInvoker.RunCall(this, envelope.Call!, timed, start, loop);
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
                pending = CallbackInvoker.StartTell(this, envelope.Kind, envelope.Message);
            }
            catch (Exception exception)
            {
                awaiting = CallbackInvoker.CrashOnTell(this, exception, timed, start, envelope.Message);
                return EndBatch(BatchEnd.Awaiting);
            }

            if (!pending.IsCompletedSuccessfully)
            {
                awaiting = CallbackInvoker.AwaitTellAsync(this, pending, timed, start, envelope.Message);
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
        return (_mailbox.IsEmpty && Volatile.Read(ref _interrupt) == 0)
            || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0; // idle, or another thread has scheduled the loop again
    }

    /// <summary><c>InitAsync</c> completed: the actor takes messages.</summary>
    internal void OnStarted()
    {
        _needsInit = false;
        SetStatus(ActorStatus.Idle);
        Publish(ActorEventKind.Started);
    }
}
