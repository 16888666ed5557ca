using ActorRuntime;
using ActorRuntime.Calls;
using ActorRuntime.Processes;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime.Calls;

/// <summary>Makes <see cref="PendingCall"/>s against one process that never runs, for tests of the call structures alone.</summary>
public abstract class PendingCallHarness : IAsyncDisposable
{
    private readonly ActorSystem _system = new(time: new FakeTimeProvider());
    private long _nextId;

    protected PendingCallHarness() =>
        Target = new ActorProcess(_system, 1, new ProbeServer(), new SpawnOptions());

    internal ActorProcess Target { get; }

    /// <summary>A new call, queued, started at timestamp 0 with a one-second timeout.</summary>
    internal PendingCall NewCall() => new(Target, ++_nextId, "request", TimeSpan.FromSeconds(1), startTimestamp: 0);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _system.DisposeAsync();
    }
}
