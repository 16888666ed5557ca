using ActorRuntime;

namespace Dashboard.Heartbeats;

/// <summary>What happened to an external job, for the dashboard's call tracker.</summary>
public enum ExternalJobStage
{
    /// <summary>The actor handed the job to the worker.</summary>
    Started,
    /// <summary>The worker reported back to the actor (success or failure).</summary>
    Reported,
    /// <summary>The job finished without ever reporting back.</summary>
    NeverAnswered,
}

/// <summary>A snapshot of one worker's jobs.</summary>
public sealed record ExternalWorkStats(
    int InFlight,
    long Started,
    long Succeeded,
    long Failed,
    long NeverAnswered,
    IReadOnlyList<TimeSpan> RecentLatencies);

/// <summary>
/// The simulated external service a heartbeat actor waits on: each job takes a configurable time,
/// may fail or may never answer, and reports back to the actor with a <see cref="WorkDone"/> message.
/// </summary>
/// <remarks>One per actor owner (tab, hub connection, virtual user); thread-safe.</remarks>
public sealed class ExternalWorker(ActorSystem system, TimeProvider time, Random? random = null)
{
    private const int RecentCapacity = 20;
    private readonly Random _random = random ?? Random.Shared;
    private readonly Lock _lock = new();
    private readonly Queue<TimeSpan> _recent = new();
    private ExternalWorkSettings _settings = new();
    private int _inFlight;
    private long _started;
    private long _succeeded;
    private long _failed;
    private long _neverAnswered;

    /// <summary>Raised on the worker's thread when a job starts or ends, with the job's call id.</summary>
    public event Action<long, ExternalJobStage>? JobChanged;

    /// <summary>How new jobs behave.</summary>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public ExternalWorkSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set
        {
            var errors = value.Validate();
            if (errors.Count > 0)
            {
                throw new ArgumentException(string.Join(" ", errors), nameof(value));
            }

            Volatile.Write(ref _settings, value);
        }
    }

    /// <summary>Jobs started and not finished.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Starts the job of call <paramref name="callId"/>, which reports back to <paramref name="replyTo"/> with a <see cref="WorkDone"/>.</summary>
    public void Start(Pid replyTo, long callId)
    {
        var settings = Settings;
        double roll;
        double spread;
        lock (_lock)
        {
            roll = _random.NextDouble();
            spread = (_random.NextDouble() * 2) - 1;
        }

        var latency = settings.Latency * Math.Max(0, 1 + (settings.Jitter * spread));
        var neverAnswers = roll < settings.NeverAnswersRate;
        var fails = !neverAnswers && roll < settings.NeverAnswersRate + settings.FailureRate;

        // The timer starts before the job is reported as started, so whoever sees it in flight
        // (a test advancing a fake clock, say) knows its clock is already running.
        var work = latency > TimeSpan.Zero ? Task.Delay(latency, time) : Task.CompletedTask;
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _started);
        JobChanged?.Invoke(callId, ExternalJobStage.Started);
        _ = ReportWhenDoneAsync(work, replyTo, callId, latency, fails, neverAnswers);
    }

    /// <summary>A consistent-enough snapshot for display.</summary>
    public ExternalWorkStats Snapshot()
    {
        TimeSpan[] recent;
        lock (_lock)
        {
            recent = [.. _recent];
        }

        return new ExternalWorkStats(
            InFlight,
            Interlocked.Read(ref _started),
            Interlocked.Read(ref _succeeded),
            Interlocked.Read(ref _failed),
            Interlocked.Read(ref _neverAnswered),
            recent);
    }

    private async Task ReportWhenDoneAsync(Task work, Pid replyTo, long callId, TimeSpan latency, bool fails, bool neverAnswers)
    {
        await work.ConfigureAwait(false);

        Interlocked.Decrement(ref _inFlight);
        if (neverAnswers)
        {
            Interlocked.Increment(ref _neverAnswered);
            JobChanged?.Invoke(callId, ExternalJobStage.NeverAnswered);
            return;
        }

        Interlocked.Increment(ref fails ? ref _failed : ref _succeeded);
        lock (_lock)
        {
            _recent.Enqueue(latency);
            if (_recent.Count > RecentCapacity)
            {
                _recent.Dequeue();
            }
        }

        JobChanged?.Invoke(callId, ExternalJobStage.Reported);
        system.TrySend(replyTo, new WorkDone(callId, !fails, latency));
    }
}
