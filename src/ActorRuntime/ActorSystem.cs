using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ActorRuntime.Calls;
using ActorRuntime.Diagnostics;
using ActorRuntime.Processes;

namespace ActorRuntime;

/// <summary>
/// A node: it runs actors, routes their messages and enforces their limits. Message passing and
/// calls live in <c>ActorSystem.Messaging.cs</c>.
/// </summary>
/// <remarks>Thread-safe. Disposing stops every actor (running each one's <c>TerminateAsync</c>).</remarks>
public sealed partial class ActorSystem : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, ActorProcess> _processes = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ListenerSet _listeners = new();
    private readonly CallTimeouts _callTimeouts; // looked up once, not per call: every call arms a timeout on it
    private long _nextPid;
    private int _liveCount;
    private int _disposed;

    /// <summary>Creates a node.</summary>
    /// <param name="options">Limits; defaults to <see cref="ActorSystemOptions"/>'s defaults.</param>
    /// <param name="time">The clock for timeouts, <see cref="SendAfter"/> and durations; defaults to <see cref="TimeProvider.System"/>.
    /// Tests pass a <c>FakeTimeProvider</c>.</param>
    public ActorSystem(ActorSystemOptions? options = null, TimeProvider? time = null)
    {
        Options = options ?? new ActorSystemOptions();
        Options.Validate();
        Time = time ?? TimeProvider.System;
        _callTimeouts = CallTimeouts.For(Time);
        Metrics = new ActorMetrics(this);
    }

    /// <summary>The limits this node was created with.</summary>
    public ActorSystemOptions Options { get; }

    /// <summary>The clock every timeout and timer of this node uses.</summary>
    public TimeProvider Time { get; }

    /// <summary>Actors alive now (spawned and not yet stopped).</summary>
    public int ActorCount => Volatile.Read(ref _liveCount);

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> this node reports on.</summary>
    public static string MeterName => ActorMetrics.MeterName;

    internal ActorMetrics Metrics { get; }

    internal CancellationToken ShutdownToken => _shutdown.Token;

    internal bool HasListeners => _listeners.Items is not null;

    /// <summary>
    /// Starts <paramref name="server"/> as a new actor — Elixir's <c>GenServer.start/3</c>. Returns at once;
    /// <c>InitAsync</c> runs before the first message.
    /// </summary>
    /// <exception cref="ActorLimitExceededException"><see cref="ActorSystemOptions.MaxActors"/> actors are alive.</exception>
    /// <exception cref="InvalidOperationException">The server instance is already spawned, or the system is disposed.</exception>
    public Pid Spawn(IGenServer server, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        options ??= DefaultSpawnOptions;
        options.Validate();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        if (Interlocked.Increment(ref _liveCount) > Options.MaxActors)
        {
            Interlocked.Decrement(ref _liveCount);
            throw new ActorLimitExceededException(Options.MaxActors);
        }

        var process = new ActorProcess(this, Interlocked.Increment(ref _nextPid), server, options);
        var pid = process.Pid;
        try
        {
            server.Attach(process);
        }
        catch
        {
            Interlocked.Decrement(ref _liveCount);
            throw;
        }

        _processes[pid.Id] = process;
        PublishSystemWide(new ActorEvent { Kind = ActorEventKind.Spawned, Pid = pid, Timestamp = Time.GetTimestamp() });

        // DisposeAsync sets the flag, then stops what is registered: either it saw this actor, or we see the flag.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _disposed) != 0)
        {
            _ = process.RequestStop("shutdown"); // spawned while the system was being disposed: stopped with the others
        }
        else
        {
            process.Schedule(); // runs InitAsync
        }

        return pid;
    }

    /// <summary>A snapshot of one actor, or <see langword="null"/> when it is not alive — Elixir's <c>Process.info/1</c>.</summary>
    public ActorInfo? GetInfo(Pid pid) => _processes.TryGetValue(pid.Id, out var process) ? process.Snapshot() : null;

    /// <summary>Slots of the ring the actor's loop reads from (0 before its first message; null when not alive), for tests.</summary>
    internal int? MailboxSlots(Pid pid) => _processes.TryGetValue(pid.Id, out var process) ? process.MailboxSlots : null;

    /// <summary>Whether <paramref name="pid"/> is alive.</summary>
    public bool IsAlive(Pid pid) => _processes.ContainsKey(pid.Id);

    /// <summary>Snapshots of every live actor, in no particular order.</summary>
    /// <remarks>O(number of actors); for large nodes read <see cref="ActorCount"/> and page through <see cref="ListPids"/> instead.</remarks>
    public IReadOnlyList<ActorInfo> ListActors() => [.. _processes.Values.Select(process => process.Snapshot())];

    /// <summary>The pids of every live actor, in no particular order.</summary>
    public IReadOnlyList<Pid> ListPids() => [.. _processes.Values.Select(process => process.Pid)];

    /// <summary>The callers of <paramref name="pid"/> that were handled with NoReply and still wait.</summary>
    public IReadOnlyList<PendingCallInfo> GetDeferredCalls(Pid pid) =>
        _processes.TryGetValue(pid.Id, out var process) ? process.DeferredCallsSnapshot() : [];

    /// <summary>Delivers every event of every actor to <paramref name="listener"/> until the result is disposed.</summary>
    /// <remarks>Listeners run on the threads that produce events; see <see cref="IActorEventListener"/>.</remarks>
    public IDisposable Subscribe(IActorEventListener listener) => _listeners.Add(listener);

    /// <summary>Delivers the events of one actor to <paramref name="listener"/> until the result is disposed.</summary>
    /// <exception cref="ActorExitedException">The actor is not alive.</exception>
    public IDisposable Subscribe(Pid pid, IActorEventListener listener) =>
        _processes.TryGetValue(pid.Id, out var process)
            ? process.Subscribe(listener)
            : throw new ActorExitedException(pid, "noproc");

    /// <summary>Stops every actor and waits for each to finish <c>TerminateAsync</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync();
        await Task.WhenAll(_processes.Values.Select(process => process.RequestStop("shutdown")));
        Metrics.Dispose();
        _shutdown.Dispose();
    }

    internal int TotalQueueDepth() => _processes.Values.Sum(process => process.QueueDepth);

    internal int TotalDeferredCalls() => _processes.Values.Sum(process => process.DeferredCount);

    internal void Unregister(ActorProcess process)
    {
        if (_processes.TryRemove(new KeyValuePair<long, ActorProcess>(process.Pid.Id, process)))
        {
            Interlocked.Decrement(ref _liveCount);
        }
    }

    /// <summary>
    /// The live process <paramref name="pid"/> names, or — when it came from <see cref="Spawn"/> — its process even
    /// after it exited (whose closed mailbox refuses what is sent, as the lookup's miss would); null when neither.
    /// </summary>
    /// <remarks>
    /// The carried process counts only for its own system and number (<c>pid with { Id = … }</c> keeps it). Returned,
    /// not an out parameter, and the registry out of line: an out parameter kept the process on a sender's stack
    /// (bench/DECISIONS.md, "Send: a tell's own path").
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ActorProcess? ProcessOf(Pid pid)
    {
        var process = pid.Process;
        return process is not null && process.System == this && process.Pid.Id == pid.Id ? process : LookUp(pid);
    }

    /// <summary>A parsed or foreign pid, or one copied with another id: the registry's process, or null.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ActorProcess? LookUp(Pid pid) => _processes.TryGetValue(pid.Id, out var process) ? process : null;

    internal void PublishSystemWide(in ActorEvent actorEvent) => ListenerSet.Notify(_listeners.Items, actorEvent);

    private static readonly SpawnOptions DefaultSpawnOptions = new();
}
