using ActorRuntime;
using Dashboard.Heartbeats;

namespace Dashboard.Services;

public sealed partial class ActorSession
{
    /// <summary>Makes one deferred call and reports how it ended; never throws for runtime outcomes.</summary>
    /// <param name="origin">Who makes the call.</param>
    /// <param name="timeout">The call's timeout; defaults to <see cref="CallTimeout"/>.</param>
    /// <param name="cancellationToken">Gives up the wait early.</param>
    public async Task<CallOutcomeView> RequestAsync(CallOrigin origin, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var wait = ValidateTimeout(timeout ?? CallTimeout);
        var callId = Interlocked.Increment(ref _nextCallId);
        if (Pid is not { } pid)
        {
            return CallOutcomeView.NoActor(callId, State);
        }

        Tracker.Begin(callId, origin, wait, Mode);
        Changes.Notify();
        var outcome = await CallAsync(pid, callId, origin, wait, cancellationToken);
        Tracker.End(outcome);
        Changes.Notify();
        return outcome;
    }

    /// <summary>A heartbeat: a deferred call with the heartbeat timeout, and the time it arrived.</summary>
    public Task<CallOutcomeView> HeartbeatAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _lastHeartbeat, _system.Time.GetTimestamp());
        Interlocked.Exchange(ref _lastHeartbeatAtMs, _system.Time.GetUtcNow().ToUnixTimeMilliseconds());
        return RequestAsync(CallOrigin.Heartbeat, _options.HeartbeatTimeout, cancellationToken);
    }

    /// <summary>Makes <paramref name="count"/> concurrent calls and waits for all of them.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not within 1..<see cref="MaxBurst"/>.</exception>
    public async Task<IReadOnlyList<CallOutcomeView>> BurstAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxBurst);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(_ => RequestAsync(CallOrigin.Burst, cancellationToken: cancellationToken)));
    }

    /// <summary>Sends <paramref name="count"/> cheap messages at once (defaults to the configured flood size).</summary>
    public FloodOutcome Flood(int? count = null)
    {
        var total = count ?? _options.FloodSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(total, 1_000_000);
        if (Pid is not { } pid)
        {
            return new FloodOutcome(0, 0);
        }

        var accepted = 0;
        for (var i = 0; i < total && _system.TrySend(pid, FloodMessage.Instance); i++)
        {
            accepted++;
        }

        Tracker.AddRejected(total - accepted);
        Changes.Notify();
        return new FloodOutcome(accepted, total - accepted);
    }

    /// <summary>Makes the actor throw; its waiting callers fail at once and the restart policy brings it back.</summary>
    public void Crash()
    {
        if (Pid is { } pid)
        {
            _system.TryCast(pid, CrashCommand.Instance);
        }
    }

    /// <summary>Changes how the external work behaves for new jobs.</summary>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public void Configure(ExternalWorkSettings settings)
    {
        Worker.Settings = settings;
        Changes.Notify();
    }

    /// <summary>A snapshot for the actor panels; also samples the mailbox depth for its chart.</summary>
    public ActorView Snapshot()
    {
        var info = Pid is { } pid ? _system.GetInfo(pid) : null;
        if (info is not null)
        {
            History.Sample(info.QueueDepth);
        }

        var last = Interlocked.Read(ref _lastHeartbeat);
        TimeSpan? age = last == 0 ? null : _system.Time.GetElapsedTime(last);
        return new ActorView
        {
            Pid = Pid,
            Owner = Owner,
            Mode = Mode,
            State = State == SessionState.Running && info is null && Pid is not null ? SessionState.Stopped : State,
            Info = info,
            HeartbeatAge = age,
            Health = age switch
            {
                null => HeartbeatHealth.Waiting,
                var a when a > _options.IntervalMax * 3 => HeartbeatHealth.Stale,
                var a when a > _options.IntervalMax * 1.5 => HeartbeatHealth.Late,
                _ => HeartbeatHealth.Ok,
            },
            Tracker = Tracker.Snapshot(),
            External = Worker.Snapshot(),
            Settings = Worker.Settings,
            CallTimeout = CallTimeout,
            MailboxHistory = History.Snapshot(),
            OperatorAction = LastOperatorAction,
            Now = _system.Time.GetTimestamp(),
            Frequency = _system.Time.TimestampFrequency,
        };
    }

    private async Task<CallOutcomeView> CallAsync(Pid pid, long callId, CallOrigin origin, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _system.CallAsync<HeartbeatReply>(pid, new HeartbeatRequest(callId, origin), timeout, cancellationToken);
            return CallOutcomeView.Answered(callId, reply);
        }
        catch (Exception error) when (CallOutcomeView.Failed(callId, error, timeout) is { } failed)
        {
            return failed;
        }
    }
}
