using System.Collections.Concurrent;
using ActorRuntime;
using ActorRuntime.Diagnostics;
using Dashboard.Heartbeats;
using Dashboard.Overview;
using Dashboard.Services;
using Microsoft.Extensions.Time.Testing;

namespace Unit.Dashboard.Overview;

/// <summary>A real <see cref="ActorSystem"/> on a <see cref="FakeTimeProvider"/> with an <see cref="OverviewService"/> watching it.</summary>
internal sealed class OverviewNode : IAsyncDisposable
{
    public OverviewNode(int maxActors = 1_000, OverviewOptions? options = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider();
        System = new ActorSystem(new ActorSystemOptions { MaxActors = maxActors }, Time);
        Options = options ?? new OverviewOptions();
        Service = new OverviewService(System, Directory, Microsoft.Extensions.Options.Options.Create(Options));
        _startedSubscription = System.Subscribe(_started); // after the service: listeners are told in order
    }

    private readonly StartedListener _started = new();
    private readonly IDisposable _startedSubscription;

    public FakeTimeProvider Time { get; }

    public ActorSystem System { get; }

    public ActorDirectory Directory { get; } = new();

    public OverviewOptions Options { get; }

    public OverviewService Service { get; }

    private List<GateActor> Gates { get; } = [];

    /// <summary>Spawns a <see cref="GateActor"/> and waits until <paramref name="queued"/> messages wait in its mailbox behind a closed gate.</summary>
    public async Task<(Pid Pid, GateActor Actor)> SpawnWithQueueAsync(int queued, string owner = "tab")
    {
        var actor = new GateActor();
        Gates.Add(actor);
        var pid = System.Spawn(actor, new SpawnOptions { Owner = owner });

        // Init publishes Started from the loop; wait for it so that it cannot mark the row during a test's Refresh.
        await _started.For(pid).WaitAsync(TimeSpan.FromSeconds(15));
        if (queued > 0)
        {
            System.Send(pid, actor.Gate);
            await actor.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15));
            for (var i = 0; i < queued; i++)
            {
                System.Send(pid, i);
            }
        }

        Assert.Equal(queued, System.GetInfo(pid)!.QueueDepth);
        return (pid, actor);
    }

    public async ValueTask DisposeAsync()
    {
        Service.Dispose();
        _startedSubscription.Dispose();
        Gates.ForEach(gate => gate.Open()); // a blocked actor could not stop
        await System.DisposeAsync();
    }
}

/// <summary>Completes a task per pid once the service has seen that actor's <see cref="ActorEventKind.Started"/>.</summary>
internal sealed class StartedListener : IActorEventListener
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _started = new();

    public Task For(Pid pid) => Source(pid.Id).Task;

    public void OnEvent(in ActorEvent actorEvent)
    {
        if (actorEvent.Kind == ActorEventKind.Started)
        {
            Source(actorEvent.Pid.Id).TrySetResult();
        }
    }

    private TaskCompletionSource Source(long id) =>
        _started.GetOrAdd(id, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>
/// An actor whose first <see cref="TaskCompletionSource"/> message blocks its loop until <see cref="Open"/>,
/// so that the messages sent after it stay queued: an exact, known queue depth. Calls are answered at once,
/// except <see cref="Silent"/>, which is deferred and never answered (it times out).
/// </summary>
internal sealed class GateActor : GenServer<int>
{
    public static readonly object Silent = new();

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => Gate.TrySetResult();

    protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

    protected override ValueTask<CallResult<int>> HandleCallAsync(object request, From from, int state) =>
        ValueTask.FromResult(request == Silent ? NoReply(state) : Reply(request is HeartbeatRequest heartbeat ? new HeartbeatReply(heartbeat.CallId, true, "pong", TimeSpan.Zero) : request, state));

    protected override async ValueTask<int> HandleInfoAsync(object message, int state)
    {
        if (message is TaskCompletionSource gate)
        {
            Entered.TrySetResult();
            await gate.Task;
        }

        return state + 1;
    }
}
