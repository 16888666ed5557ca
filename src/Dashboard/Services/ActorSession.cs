using ActorRuntime;
using ActorRuntime.Supervision;
using Dashboard.Heartbeats;
using Microsoft.Extensions.Options;

namespace Dashboard.Services;

/// <summary>
/// One owner's actor — a browser tab's, a hub connection's or a virtual user's — with the calls it
/// makes, the external worker it waits on and the tracker that makes it all visible.
/// </summary>
/// <remarks>
/// Created per circuit (scoped) or per connection. Thread-safe. Disposing stops the actor and
/// fails its waiting callers at once.
/// </remarks>
public sealed partial class ActorSession : IAsyncDisposable
{
    /// <summary>Most concurrent calls one <see cref="BurstAsync"/> may make.</summary>
    public const int MaxBurst = 100;

    /// <summary>Longest timeout a caller may ask for.</summary>
    public static readonly TimeSpan MaxCallTimeout = TimeSpan.FromSeconds(60);

    private readonly ActorSystem _system;
    private readonly HeartbeatActorOptions _options;
    private readonly ActorDirectory _directory;
    private readonly ILogger<ActorSession> _logger;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private IDisposable? _subscription;
    private long _nextCallId;
    private long _lastHeartbeat;
    private TimeSpan _callTimeout;
    private volatile bool _disposed;

    /// <summary>Creates an idle session; <see cref="TryStart"/> spawns its actor.</summary>
    public ActorSession(ActorSystem system, IOptions<HeartbeatActorOptions> options, ActorDirectory directory, ILogger<ActorSession> logger)
    {
        _system = system;
        _options = options.Value;
        _directory = directory;
        _logger = logger;
        _callTimeout = _options.CallTimeout;
        Worker = new ExternalWorker(system, system.Time) { Settings = _options.InitialExternalWork() };
        Tracker = new CallTracker(system.Time);
        History = new MailboxHistory(system.Time);
        Worker.JobChanged += Tracker.OnJobChanged;
    }

    /// <summary>Who owns the actor.</summary>
    public OwnerKind Owner { get; private set; }

    /// <summary>Correct or naive.</summary>
    public ActorMode Mode { get; private set; }

    /// <summary>Where the session is in its life.</summary>
    public SessionState State { get; private set; }

    /// <summary>The actor, once spawned.</summary>
    public Pid? Pid { get; private set; }

    /// <summary>The simulated external service this actor waits on.</summary>
    public ExternalWorker Worker { get; }

    /// <summary>Every call, counter and percentile of this session.</summary>
    public CallTracker Tracker { get; }

    /// <summary>Recent mailbox depths.</summary>
    public MailboxHistory History { get; }

    /// <summary>The settings the actor runs with.</summary>
    public HeartbeatActorOptions Options => _options;

    /// <summary>Timeout of manual, burst and hub calls.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not within 1 ms .. 60 s.</exception>
    public TimeSpan CallTimeout
    {
        get => _callTimeout;
        set => _callTimeout = ValidateTimeout(value);
    }

    /// <summary>Spawns the actor if the session has none yet. False when the node is at capacity.</summary>
    public bool TryStart(OwnerKind owner)
    {
        _lifecycle.Wait();
        try
        {
            if (State == SessionState.Running || _disposed)
            {
                return State == SessionState.Running;
            }

            Owner = owner;
            return SpawnLocked(Mode);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the current actor and starts the other implementation under a new pid.</summary>
    public async Task SwitchModeAsync(ActorMode mode)
    {
        await _lifecycle.WaitAsync();
        try
        {
            await StopLockedAsync($"switching to {mode.ToString().ToLowerInvariant()} mode");
            SpawnLocked(mode);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Respawns an actor that stopped for good (restart limit reached).</summary>
    public Task RestartAsync() => SwitchModeAsync(Mode);

    /// <summary>Stops the actor; its waiting callers fail at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _lifecycle.WaitAsync();
        try
        {
            await StopLockedAsync("owner left");
            State = SessionState.Stopped;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private bool SpawnLocked(ActorMode mode)
    {
        IGenServer server;
        if (mode == ActorMode.Naive)
        {
            server = new NaiveHeartbeatActor(Worker, _options);
        }
        else
        {
            var actor = new HeartbeatActor(Worker, _options);
            actor.DeadIncarnationResult += Tracker.OnDeadIncarnationResult;
            server = actor;
        }

        try
        {
            var pid = _system.Spawn(server, new SpawnOptions
            {
                Owner = Owner.ToString().ToLowerInvariant(),
                Name = mode == ActorMode.Naive ? nameof(NaiveHeartbeatActor) : nameof(HeartbeatActor),
                MailboxCapacity = _options.MailboxCapacity == 0 ? null : _options.MailboxCapacity,
                Restart = _options.MaxRestarts == 0 ? RestartPolicy.Never : RestartPolicy.OnCrash(_options.MaxRestarts, _options.RestartWindow),
            });
            _subscription = _system.Subscribe(pid, Tracker);
            _directory.Register(pid, this);
            (Pid, Mode, State) = (pid, mode, SessionState.Running);
            return true;
        }
        catch (ActorLimitExceededException error)
        {
            State = SessionState.AtCapacity;
            Log.AtCapacity(_logger, Owner, error.MaxActors);
            return false;
        }
        catch (ActorExitedException)
        {
            State = SessionState.Stopped; // the actor died before we could watch it
            return false;
        }
    }

    private async Task StopLockedAsync(string reason)
    {
        if (Pid is not { } pid)
        {
            return;
        }

        _subscription?.Dispose();
        _directory.Unregister(pid, this);
        await _system.StopAsync(pid, reason);
        Pid = null;
    }

    private static TimeSpan ValidateTimeout(TimeSpan timeout) =>
        timeout >= TimeSpan.FromMilliseconds(1) && timeout <= MaxCallTimeout
            ? timeout
            : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, $"A call timeout must be between 1 ms and {MaxCallTimeout.TotalSeconds:0} s.");

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Refused a {Owner} actor: the node is at its limit of {MaxActors} actors.")]
        public static partial void AtCapacity(ILogger logger, OwnerKind owner, int maxActors);
    }
}
