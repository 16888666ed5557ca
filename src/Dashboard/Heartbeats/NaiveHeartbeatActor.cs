using ActorRuntime;

namespace Dashboard.Heartbeats;

/// <summary>
/// TEACHING MODE — deliberately wrong. Keeps a single <see cref="From"/> slot exactly like the
/// original post, so overlapping calls overwrite each other: the first result is delivered to the
/// newest caller (misrouted) and the earlier callers are stranded until their timeout.
/// </summary>
/// <remarks>
/// <para>The fix is <see cref="HeartbeatActor"/>: one kept <see cref="From"/> per call id.</para>
/// <para>Like the original post, it does not pass the caller's <see cref="From.CancellationToken"/> to the work, so a
/// caller that gives up does not stop its job. On purpose: cancelling would stop exactly the jobs whose results
/// the slot misroutes (a stranded caller's job would end with its caller, and the next caller would get its own
/// answer), hiding the bug this mode teaches; and the late replies it shows come from those jobs.</para>
/// <para><see cref="ExternalWorkSettings.HandlerDelay"/> slows its handler just like the correct actor's.</para>
/// </remarks>
public sealed class NaiveHeartbeatActor(ExternalWorker worker, HeartbeatActorOptions options) : GenServer<NaiveHeartbeatActor.State>
{
    /// <summary>The one caller the naive actor remembers.</summary>
    public sealed class State
    {
        internal From? Slot { get; set; }
    }

    /// <inheritdoc/>
    protected override ValueTask<State> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new State());

    /// <inheritdoc/>
    protected override async ValueTask<CallResult<State>> HandleCallAsync(object request, From from, State state)
    {
        if (request is not HeartbeatRequest heartbeat)
        {
            return Reply(HeartbeatProtocol.UnknownRequest(request), state);
        }

        if (worker.Settings.HandlerDelay is var delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, System.Time);
        }

        state.Slot = from; // the bug: a second caller overwrites the first one's From
        worker.Start(Self, heartbeat.CallId);
        return NoReply(state);
    }

    /// <inheritdoc/>
    protected override ValueTask<State> HandleCastAsync(object message, State state) =>
        HeartbeatProtocol.HandleCast(message, state);

    /// <inheritdoc/>
    protected override ValueTask<State> HandleInfoAsync(object message, State state)
    {
        switch (message)
        {
            case WorkDone done when state.Slot is { } from:
                // Whatever job finished, its answer goes to whoever is in the slot.
                System.Reply(from, HeartbeatActor.ToReply(done));
                state.Slot = null;
                break;
            case FloodMessage:
                FloodWork.Spend(options.FloodMessageCost);
                break;
        }

        return ValueTask.FromResult(state);
    }
}
