using Akka.Actor;
using Akka.Configuration;
using AkkaSystem = Akka.Actor.ActorSystem;

namespace ActorRuntime.Benchmarks.Runtimes;

/// <summary>Akka.NET with its default dispatcher; actors are <see cref="UntypedActor"/>s, its leanest base class.</summary>
public sealed class AkkaRuntime : BenchRuntime
{
    private const string Hocon = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """;

    private static readonly Props IdleProps = Props.Create(() => new Idle());

    private readonly AkkaSystem _system = AkkaSystem.Create("bench", ConfigurationFactory.ParseString(Hocon));
    private readonly List<IActorRef> _counters = [];
    private IActorRef _echo = ActorRefs.Nobody;
    private IActorRef _deferred = ActorRefs.Nobody;

    public override string Name => "Akka";

    public override void SpawnCounters(int count, int batch, Countdown done)
    {
        var props = Props.Create(() => new Counter(batch, done));
        for (var i = 0; i < count; i++)
        {
            _counters.Add(_system.ActorOf(props));
        }
    }

    public override void Tell(int index, int messages)
    {
        var actor = _counters[index];
        for (var i = 0; i < messages; i++)
        {
            actor.Tell(Ping, ActorRefs.NoSender);
        }
    }

    public override void Block(int index, Gate gate) => _counters[index].Tell(gate, ActorRefs.NoSender);

    public override void SpawnEcho() => _echo = _system.ActorOf(Props.Create(() => new Echo()));

    public override Task CallEchoAsync() => _echo.Ask<object>(Question, CallTimeout);

    public override void SpawnDeferred() => _deferred = _system.ActorOf(Props.Create(() => new Deferred()));

    public override Task CallDeferredAsync() => _deferred.Ask<object>(Question, CallTimeout);

    public override async Task SpawnAndStopAsync(int count)
    {
        var actors = new IActorRef[count];
        for (var i = 0; i < count; i++)
        {
            actors[i] = _system.ActorOf(IdleProps);
        }

        var stops = new Task[count];
        for (var i = 0; i < count; i++)
        {
            stops[i] = actors[i].GracefulStop(CallTimeout);
        }

        await Task.WhenAll(stops);
    }

    public override void SpawnIdle(int count, bool touch = false)
    {
        for (var i = 0; i < count; i++)
        {
            var actor = _system.ActorOf(IdleProps);
            if (touch)
            {
                actor.Tell(Ping, ActorRefs.NoSender);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _system.Terminate();
        _system.Dispose();
    }

    private sealed class Counter(int batch, Countdown done) : UntypedActor
    {
        private int _received;

        protected override void OnReceive(object message)
        {
            if (!WaitIfGate(message) && ++_received == batch)
            {
                _received = 0;
                done.Signal();
            }
        }
    }

    private sealed class Echo : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(Answer, Self);
    }

    /// <summary>Captures <c>Sender</c> under an id, lets external work run, replies when it reports back.</summary>
    private sealed class Deferred : UntypedActor
    {
        private readonly Dictionary<long, IActorRef> _waiting = [];
        private long _nextId;

        protected override void OnReceive(object message)
        {
            if (message is WorkDone done)
            {
                if (_waiting.Remove(done.Id, out var caller))
                {
                    caller.Tell(Answer, Self);
                }

                return;
            }

            var id = ++_nextId;
            _waiting.Add(id, Sender);
            RunExternally(static work => work.Self.Tell(new WorkDone(work.Id), ActorRefs.NoSender), (Self, Id: id));
        }
    }

    private sealed class Idle : UntypedActor
    {
        protected override void OnReceive(object message)
        {
        }
    }
}
