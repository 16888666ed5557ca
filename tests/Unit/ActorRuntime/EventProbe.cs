using ActorRuntime;

namespace Unit.ActorRuntime;

/// <summary>Records an actor's (or a system's) events and lets a test await one without sleeping.</summary>
internal sealed class EventProbe : IActorEventListener, IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<ActorEvent> _events = [];
    private readonly List<(Func<ActorEvent, bool> Match, TaskCompletionSource<ActorEvent> Done)> _waiters = [];
    private readonly IDisposable _subscription;

    public EventProbe(ActorSystem system, Pid? pid = null) =>
        _subscription = pid is { } one ? system.Subscribe(one, this) : system.Subscribe(this);

    public IReadOnlyList<ActorEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public void OnEvent(in ActorEvent actorEvent)
    {
        var copy = actorEvent;
        lock (_lock)
        {
            _events.Add(copy);
            foreach (var waiter in _waiters.Where(w => w.Match(copy)).ToList())
            {
                waiter.Done.TrySetResult(copy);
                _waiters.Remove(waiter);
            }
        }
    }

    public Task<ActorEvent> WaitForAsync(Func<ActorEvent, bool> match)
    {
        lock (_lock)
        {
            var seen = _events.FirstOrDefault(match);
            if (seen.Kind != default || _events.Any(match))
            {
                return Task.FromResult(_events.First(match));
            }

            var done = new TaskCompletionSource<ActorEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.Guarded();
        }
    }

    public void Dispose() => _subscription.Dispose();
}
