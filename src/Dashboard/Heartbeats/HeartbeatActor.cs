using System.Globalization;
using ActorRuntime;

namespace Dashboard.Heartbeats;

/// <summary>
/// The reference use of the deferred reply: each <see cref="HeartbeatRequest"/> starts external work
/// and returns NoReply; the caller's <see cref="From"/> is kept under its call id (which is also the job's id),
/// and answered when that job's <see cref="WorkDone"/> arrives — so any number of callers can wait at once.
/// </summary>
/// <remarks>
/// <para>The comments number the steps as <see cref="DeferredReplySteps"/> (and the timeline) do.</para>
/// <para>The callee is told when its caller gives up: each job gets the caller's <see cref="From.CancellationToken"/>,
/// so a caller that times out or is cancelled stops its job (no <see cref="WorkDone"/> follows; a
/// <see cref="WorkCancelled"/> makes the actor forget the caller), and no late reply is made for it.</para>
/// <para>Each start (the first and every restart) is a new incarnation with its own number, stamped on the jobs it
/// starts. After a restart the map starts empty: a <see cref="WorkDone"/> of an earlier incarnation finds nobody (its
/// caller already failed with the crash) and is reported through <see cref="DeadIncarnationResult"/>.</para>
/// </remarks>
public sealed class HeartbeatActor(ExternalWorker worker, HeartbeatActorOptions options)
    : GenServer<HeartbeatActor.State>, IDescribeState<HeartbeatActor.State>
{
    private int _incarnations;

    /// <summary>The callers waiting for external work, by call id, and which incarnation of the actor this is.</summary>
    public sealed class State
    {
        internal Dictionary<long, From> Waiting { get; } = [];

        /// <summary>1 for the first start, 2 after the first restart, and so on.</summary>
        internal int Incarnation { get; init; }

        internal IDisposable? SweepTimer { get; set; }
    }

    /// <summary>
    /// Raised on the actor's thread when a <see cref="WorkDone"/> arrives from a job that an earlier incarnation
    /// started (the actor crashed and restarted while it ran): a late result of a dead incarnation, answered to nobody.
    /// </summary>
    public event Action<WorkDone>? DeadIncarnationResult;

    /// <inheritdoc/>
    protected override ValueTask<State> InitAsync(CancellationToken cancellationToken)
    {
        var state = new State
        {
            Incarnation = ++_incarnations, // the loop runs one callback at a time, InitAsync included
            SweepTimer = System.SendAfter(Self, SweepAbandoned.Instance, options.SweepInterval),
        };
        return ValueTask.FromResult(state);
    }

    /// <inheritdoc/>
    protected override ValueTask<CallResult<State>> HandleCallAsync(object request, From from, State state)
    {
        if (request is not HeartbeatRequest heartbeat)
        {
            return ValueTask.FromResult(Reply(HeartbeatProtocol.UnknownRequest(request), state));
        }

        var delay = worker.Settings.HandlerDelay;
        return delay > TimeSpan.Zero ? SlowlyAsync(heartbeat, from, state, delay) : ValueTask.FromResult(Defer(heartbeat, from, state));
    }

    /// <inheritdoc/>
    protected override ValueTask<State> HandleCastAsync(object message, State state) =>
        HeartbeatProtocol.HandleCast(message, state);

    /// <inheritdoc/>
    protected override ValueTask<State> HandleInfoAsync(object message, State state)
    {
        switch (message)
        {
            case WorkDone done when done.Incarnation != state.Incarnation:
                DeadIncarnationResult?.Invoke(done); // its caller failed with the crash; nobody here waits for it
                break;
            case WorkDone done:
                // |5| the result arrives, |6| Reply(from) resumes exactly the caller it belongs to.
                // Reply returns false (a late reply, counted by the runtime) if that caller timed out.
                if (state.Waiting.Remove(done.CallId, out var from))
                {
                    System.Reply(from, ToReply(done));
                }

                break;
            case WorkCancelled cancelled when cancelled.Incarnation == state.Incarnation:
                state.Waiting.Remove(cancelled.CallId); // its caller gave up and no result will come
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
            new("incarnation", state.Incarnation.ToString(CultureInfo.InvariantCulture)),
            new("sweep timer armed", state.SweepTimer is null ? "no" : "yes"),
        ];
    }

    /// <summary>|2| take: we are handling the call. |3| start the work, |4| keep From under the call's own id and return NoReply.</summary>
    private CallResult<State> Defer(HeartbeatRequest heartbeat, From from, State state)
    {
        if (!state.Waiting.TryAdd(heartbeat.CallId, from))
        {
            return Reply(HeartbeatProtocol.DuplicateCall(heartbeat.CallId), state);
        }

        worker.Start(Self, heartbeat.CallId, state.Incarnation, from.CancellationToken);
        return NoReply(state);
    }

    /// <summary>
    /// A deliberately slow handler (<see cref="ExternalWorkSettings.HandlerDelay"/>): the actor is busy inside
    /// HandleCallAsync, so a caller whose timeout passes now times out while its call is in the handler.
    /// </summary>
    private async ValueTask<CallResult<State>> SlowlyAsync(HeartbeatRequest heartbeat, From from, State state, TimeSpan delay)
    {
        await Task.Delay(delay, System.Time);
        return Defer(heartbeat, from, state);
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
