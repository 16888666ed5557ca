namespace ActorRuntime.Benchmarks.Runtimes;

/// <summary>Our runtime: every actor is a <see cref="GenServer{TState}"/> on one <see cref="ActorSystem"/>.</summary>
public sealed class GenServerRuntime : BenchRuntime
{
    private readonly ActorSystem _system = new();
    private readonly List<Pid> _counters = [];
    private Pid _echo;
    private Pid _deferred;

    public override string Name => "ActorRuntime";

    /// <summary>The system under test, for the smoke checks.</summary>
    public ActorSystem System => _system;

    public override void SpawnCounters(int count, int batch, Countdown done)
    {
        for (var i = 0; i < count; i++)
        {
            _counters.Add(_system.Spawn(new Counter(batch, done)));
        }
    }

    public override void Tell(int index, int messages)
    {
        var pid = _counters[index];
        for (var i = 0; i < messages; i++)
        {
            _system.Cast(pid, Ping);
        }
    }

    public override void Block(int index, Gate gate) => _system.Cast(_counters[index], gate);

    public override void SpawnEcho() => _echo = _system.Spawn(new Echo());

    public override Task CallEchoAsync() => _system.CallAsync(_echo, Question, CallTimeout);

    public override void SpawnDeferred() => _deferred = _system.Spawn(new Deferred());

    public override Task CallDeferredAsync() => _system.CallAsync(_deferred, Question, CallTimeout);

    public override async Task SpawnAndStopAsync(int count)
    {
        var pids = new Pid[count];
        for (var i = 0; i < count; i++)
        {
            pids[i] = _system.Spawn(new Idle());
        }

        var stops = new Task[count];
        for (var i = 0; i < count; i++)
        {
            stops[i] = _system.StopAsync(pids[i]);
        }

        await Task.WhenAll(stops);
    }

    public override void SpawnIdle(int count, bool touch = false)
    {
        for (var i = 0; i < count; i++)
        {
            var pid = _system.Spawn(new Idle());
            if (touch)
            {
                _system.Send(pid, Ping);
            }
        }
    }

    public override ValueTask DisposeAsync() => _system.DisposeAsync();

    private sealed class Counter(int batch, Countdown done) : GenServer<int>
    {
        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<int> HandleCastAsync(object message, int received)
        {
            if (!WaitIfGate(message) && ++received == batch)
            {
                received = 0;
                done.Signal();
            }

            return ValueTask.FromResult(received);
        }
    }

    private sealed class Echo : GenServer<int>
    {
        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<CallResult<int>> HandleCallAsync(object request, From from, int state) =>
            ValueTask.FromResult(Reply(Answer, state));
    }

    /// <summary>The product's pattern: NoReply, external work, then <c>Reply(from)</c> when it reports back.</summary>
    private sealed class Deferred : GenServer<Dictionary<long, From>>
    {
        protected override ValueTask<Dictionary<long, From>> InitAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Dictionary<long, From>());

        protected override ValueTask<CallResult<Dictionary<long, From>>> HandleCallAsync(
            object request, From from, Dictionary<long, From> waiting)
        {
            waiting.Add(from.RequestId, from);
            RunExternally(static work => work.System.Send(work.Self, new WorkDone(work.Id)), (System, Self, Id: from.RequestId));
            return ValueTask.FromResult(NoReply(waiting));
        }

        protected override ValueTask<Dictionary<long, From>> HandleInfoAsync(object message, Dictionary<long, From> waiting)
        {
            if (message is WorkDone done && waiting.Remove(done.Id, out var from))
            {
                System.Reply(from, Answer);
            }

            return ValueTask.FromResult(waiting);
        }
    }

    private sealed class Idle : GenServer<int>
    {
        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);
    }
}
