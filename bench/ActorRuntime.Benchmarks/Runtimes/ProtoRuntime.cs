using Proto;
using ProtoSystem = Proto.ActorSystem;

namespace ActorRuntime.Benchmarks.Runtimes;

/// <summary>Proto.Actor with its default configuration (default mailbox and dispatcher, shared futures for requests).</summary>
public sealed class ProtoRuntime : BenchRuntime
{
    private static readonly Props IdleProps = Props.FromProducer(() => new Idle());

    private readonly ProtoSystem _system = new();
    private readonly List<PID> _counters = [];
    private PID? _echo;
    private PID? _deferred;

    public override string Name => "Proto";

    public override void SpawnCounters(int count, int batch, Countdown done)
    {
        var props = Props.FromProducer(() => new Counter(batch, done));
        for (var i = 0; i < count; i++)
        {
            _counters.Add(_system.Root.Spawn(props));
        }
    }

    public override void Tell(int index, int messages)
    {
        var root = _system.Root;
        var pid = _counters[index];
        for (var i = 0; i < messages; i++)
        {
            root.Send(pid, Ping);
        }
    }

    public override void Block(int index, Gate gate) => _system.Root.Send(_counters[index], gate);

    public override void SpawnEcho() => _echo = _system.Root.Spawn(Props.FromProducer(() => new Echo()));

    public override Task CallEchoAsync() => _system.Root.RequestAsync<object>(_echo!, Question, CallTimeout);

    public override void SpawnDeferred() => _deferred = _system.Root.Spawn(Props.FromProducer(() => new Deferred()));

    public override Task CallDeferredAsync() => _system.Root.RequestAsync<object>(_deferred!, Question, CallTimeout);

    public override async Task SpawnAndStopAsync(int count)
    {
        var root = _system.Root;
        var pids = new PID[count];
        for (var i = 0; i < count; i++)
        {
            pids[i] = root.Spawn(IdleProps);
        }

        var stops = new Task[count];
        for (var i = 0; i < count; i++)
        {
            stops[i] = root.StopAsync(pids[i]);
        }

        await Task.WhenAll(stops);
    }

    public override void SpawnIdle(int count, bool touch = false)
    {
        for (var i = 0; i < count; i++)
        {
            var pid = _system.Root.Spawn(IdleProps);
            if (touch)
            {
                _system.Root.Send(pid, Ping);
            }
        }
    }

    public override async ValueTask DisposeAsync() => await _system.DisposeAsync();

    private sealed class Counter(int batch, Countdown done) : IActor
    {
        private int _received;

        public Task ReceiveAsync(IContext context)
        {
            if (!WaitIfGate(context.Message) && context.Message == Ping && ++_received == batch)
            {
                _received = 0;
                done.Signal();
            }

            return Task.CompletedTask;
        }
    }

    private sealed class Echo : IActor
    {
        public Task ReceiveAsync(IContext context)
        {
            if (context.Message == Question)
            {
                context.Respond(Answer);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Stores <c>Sender</c> under an id, lets external work run, responds when it reports back.</summary>
    private sealed class Deferred : IActor
    {
        private readonly Dictionary<long, PID> _waiting = [];
        private long _nextId;

        public Task ReceiveAsync(IContext context)
        {
            switch (context.Message)
            {
                case WorkDone done when _waiting.Remove(done.Id, out var caller):
                    context.Send(caller, Answer);
                    break;
                case var message when message == Question && context.Sender is { } sender:
                    var id = ++_nextId;
                    _waiting.Add(id, sender);
                    RunExternally(static work => work.Root.Send(work.Self, new WorkDone(work.Id)), (context.System.Root, context.Self, Id: id));
                    break;
            }

            return Task.CompletedTask;
        }
    }

    private sealed class Idle : IActor
    {
        public Task ReceiveAsync(IContext context) => Task.CompletedTask;
    }
}
