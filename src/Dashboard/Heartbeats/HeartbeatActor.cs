using System.Globalization;
using ActorRuntime;

namespace Dashboard.Heartbeats;

/// <summary>
/// The reference use of the deferred reply: each <see cref="HeartbeatRequest"/> starts external work
/// and returns NoReply; the caller's <see cref="From"/> is kept under its call id (which is also the job's id),
/// and answered when that job's <see cref="WorkDone"/> arrives — so any number of callers can wait at once.
/// </summary>
/// <remarks>
/// The comments number the steps as <see cref="DeferredReplySteps"/> (and the timeline) do. After a restart
/// the map starts empty: a <see cref="WorkDone"/> for a call made before it finds nobody and is dropped (its
/// caller already failed with the crash).
/// </remarks>
public sealed class HeartbeatActor(ExternalWorker worker, HeartbeatActorOptions options)
    : GenServer<HeartbeatActor.State>, IDescribeState<HeartbeatActor.State>
{
    private int _incarnation;

    /// <summary>The callers waiting for external work, by call id.</summary>
    public sealed class State
    {
        internal Dictionary<long, From> Waiting { get; } = [];

        internal IDisposable? SweepTimer { get; set; }
    }


    /// <inheritdoc/>
    protected override ValueTask<State> InitAsync(CancellationToken cancellationToken)
    {
        _incarnation++; // InitAsync runs once per start and once per restart, on the actor's loop
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

        // |2| take: we are handling the call. |3| start the work, |4| keep From under the call's own id and return NoReply.
        if (!state.Waiting.TryAdd(heartbeat.CallId, from))
        {
            return ValueTask.FromResult(Reply(HeartbeatProtocol.DuplicateCall(heartbeat.CallId), state));
        }

        worker.Start(Self, heartbeat.CallId);
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
                if (state.Waiting.Remove(done.CallId, out var from))
                {
                    System.Reply(from, ToReply(done));
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

    /// <summary>For operators (<c>/actors/{pid}</c>): how many callers wait, which incarnation runs, whether the sweep is armed — never a caller's details.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DescribeState(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return
        [
            new("waiting callers", state.Waiting.Count.ToString(CultureInfo.InvariantCulture)),
            new("incarnation", _incarnation.ToString(CultureInfo.InvariantCulture)),
            new("sweep timer armed", state.SweepTimer is null ? "no" : "yes"),
        ];
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
        foreach (var (callId, _) in state.Waiting.Where(entry => entry.Value.Deadline < cutoff).ToList())
        {
            state.Waiting.Remove(callId);
        }
    }
}
