using ActorRuntime;

namespace Dashboard.Heartbeats;

/// <summary>
/// The reference use of the deferred reply: each <see cref="HeartbeatRequest"/> starts external work
/// and returns NoReply; the caller's <see cref="From"/> is kept under its own job id, and answered
/// when that job's <see cref="WorkDone"/> arrives — so any number of callers can wait at once.
/// </summary>
public sealed class HeartbeatActor(ExternalWorker worker, HeartbeatActorOptions options) : GenServer<HeartbeatActor.State>
{
    /// <summary>The callers waiting for external work, by job id.</summary>
    public sealed class State
    {
        internal Dictionary<long, Waiting> Waiting { get; } = [];

        internal IDisposable? SweepTimer { get; set; }
    }

    internal readonly record struct Waiting(From From, long CallId);

    /// <inheritdoc/>
    protected override ValueTask<State> InitAsync(CancellationToken cancellationToken)
    {
        var state = new State { SweepTimer = System.SendAfter(Self, SweepAbandoned.Instance, options.SweepInterval) };
        return ValueTask.FromResult(state);
    }

    /// <inheritdoc/>
    protected override ValueTask<CallResult<State>> HandleCallAsync(object request, From from, State state)
    {
        if (request is not HeartbeatRequest heartbeat)
        {
            return ValueTask.FromResult(Reply(HeartbeatProtocol.UnknownRequest(request), state));
        }

        // |2| start the async work, |4| keep From under its own key and return NoReply.
        state.Waiting[from.RequestId] = new Waiting(from, heartbeat.CallId);
        worker.Start(Self, from.RequestId, heartbeat.CallId);
        return ValueTask.FromResult(NoReply(state));
    }

    /// <inheritdoc/>
    protected override ValueTask<State> HandleCastAsync(object message, State state) =>
        HeartbeatProtocol.HandleCast(message, state);

    /// <inheritdoc/>
    protected override ValueTask<State> HandleInfoAsync(object message, State state)
    {
        switch (message)
        {
            case WorkDone done:
                // |5| the result arrives, |6| Reply(from) resumes exactly the caller it belongs to.
                // Reply returns false (a late reply, counted by the runtime) if that caller timed out.
                if (state.Waiting.Remove(done.JobId, out var waiting))
                {
                    System.Reply(waiting.From, ToReply(done));
                }

                break;
            case FloodMessage:
                FloodWork.Spend(options.FloodMessageCost);
                break;
            case SweepAbandoned:
                Sweep(state);
                state.SweepTimer = System.SendAfter(Self, SweepAbandoned.Instance, options.SweepInterval);
                break;
        }

        return ValueTask.FromResult(state);
    }

    /// <inheritdoc/>
    protected override ValueTask TerminateAsync(string reason, State state)
    {
        state.SweepTimer?.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static HeartbeatReply ToReply(WorkDone done) => new(
        done.CallId,
        done.Ok,
        done.Ok ? $"pong after {done.Latency.TotalMilliseconds:0} ms" : "external work failed",
        done.Latency);

    /// <summary>Forgets callers whose work never answered, long after they gave up — the map would grow forever otherwise.</summary>
    private void Sweep(State state)
    {
        var cutoff = System.Time.GetUtcNow() - options.AbandonAfter;
        foreach (var (jobId, waiting) in state.Waiting.Where(entry => entry.Value.From.Deadline < cutoff).ToList())
        {
            state.Waiting.Remove(jobId);
        }
    }
}
