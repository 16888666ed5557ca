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
    /// <summary>The caller gave up (timed out or was cancelled) while the job ran, so the job stopped: it never reports back.</summary>
    Cancelled,
}

/// <summary>A snapshot of one worker's jobs.</summary>
public sealed record ExternalWorkStats(
    int InFlight,
    long Started,
    long Succeeded,
    long Failed,
    long NeverAnswered,
    IReadOnlyList<TimeSpan> RecentLatencies)
{
    /// <summary>Jobs stopped because their caller gave up (see <see cref="ExternalJobStage.Cancelled"/>).</summary>
    public long Cancelled { get; init; }
}

/// <summary>
/// The simulated external service a heartbeat actor waits on: each job takes a configurable time,
/// may fail or may never answer, and reports back to the actor with a <see cref="WorkDone"/> message.
/// A job started with its caller's <see cref="From.CancellationToken"/> stops when that caller gives up.
/// </summary>
/// <remarks>
/// One per actor owner (tab, hub connection, virtual user); thread-safe.
/// <para>The caller's token also fires when the actor itself exits (a crash, a stop). That is not the caller
/// giving up: such a job runs on and reports to whatever incarnation of the actor is there by then, which
/// counts it as a late result of a dead incarnation (see <see cref="HeartbeatActor"/>).</para>
/// </remarks>
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
    private long _cancelled;

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

    /// <summary>Jobs stopped because their caller gave up.</summary>
    public long Cancelled => Interlocked.Read(ref _cancelled);

    /// <summary>
    /// Starts the job of call <paramref name="callId"/>, which reports back to <paramref name="replyTo"/> with a
    /// <see cref="WorkDone"/> stamped with <paramref name="incarnation"/>.
    /// </summary>
    /// <param name="replyTo">The actor waiting for the result.</param>
    /// <param name="callId">The call (and job) id.</param>
    /// <param name="incarnation">Which incarnation of <paramref name="replyTo"/> started the job (see <see cref="HeartbeatActor"/>); 0 when the actor does not number them.</param>
    /// <param name="callerGaveUp">
    /// The caller's <see cref="From.CancellationToken"/>: when it fires while the actor lives, the job stops, never
    /// reports back, and the actor gets a <see cref="WorkCancelled"/> instead so it forgets the caller.
    /// </param>
    public void Start(Pid replyTo, long callId, int incarnation = 0, CancellationToken callerGaveUp = default)
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
        var job = new Job(replyTo, callId, incarnation, latency, fails, neverAnswers);

        // The timer starts before the job is reported as started, so whoever sees it in flight
        // (a test advancing a fake clock, say) knows its clock is already running.
        var stop = callerGaveUp.CanBeCanceled ? new CancellationTokenSource() : null;
        var work = latency > TimeSpan.Zero ? Task.Delay(latency, time, stop?.Token ?? default) : Task.CompletedTask;
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _started);
        JobChanged?.Invoke(callId, ExternalJobStage.Started);
        var watch = stop is null ? default : callerGaveUp.Register(() => StopIfCallerGaveUp(replyTo, stop));
        _ = ReportWhenDoneAsync(work, job, stop, watch);
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
            recent)
        {
            Cancelled = Cancelled,
        };
    }

    /// <summary>
    /// The caller's token fired. While the actor lives that means the caller timed out or was cancelled; when the
    /// actor is restarting or stopping (its status is set before it fails its callers), the job runs on.
    /// </summary>
    private void StopIfCallerGaveUp(Pid replyTo, CancellationTokenSource stop)
    {
        if (system.GetInfo(replyTo)?.Status is ActorStatus.Starting or ActorStatus.Idle or ActorStatus.Busy)
        {
            stop.Cancel();
        }
    }

    private async Task ReportWhenDoneAsync(Task work, Job job, CancellationTokenSource? stop, CancellationTokenRegistration watch)
    {
        // Never continue on the thread that cancels: that is the runtime's, ending the caller's call.
        await work.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        await watch.DisposeAsync(); // waits for a callback still running, so the source is not used after disposal
        var cancelled = stop?.IsCancellationRequested ?? false; // also a job with no latency whose caller had already gone
        stop?.Dispose();

        Interlocked.Decrement(ref _inFlight);
        if (cancelled)
        {
            Interlocked.Increment(ref _cancelled);
            JobChanged?.Invoke(job.CallId, ExternalJobStage.Cancelled);
            system.TrySend(job.ReplyTo, new WorkCancelled(job.CallId) { Incarnation = job.Incarnation });
            return;
        }

        if (job.NeverAnswers)
        {
            Interlocked.Increment(ref _neverAnswered);
            JobChanged?.Invoke(job.CallId, ExternalJobStage.NeverAnswered);
            return;
        }

        Interlocked.Increment(ref job.Fails ? ref _failed : ref _succeeded);
        lock (_lock)
        {
            _recent.Enqueue(job.Latency);
            if (_recent.Count > RecentCapacity)
            {
                _recent.Dequeue();
            }
        }

        JobChanged?.Invoke(job.CallId, ExternalJobStage.Reported);
        system.TrySend(job.ReplyTo, new WorkDone(job.CallId, !job.Fails, job.Latency) { Incarnation = job.Incarnation });
    }

    private sealed record Job(Pid ReplyTo, long CallId, int Incarnation, TimeSpan Latency, bool Fails, bool NeverAnswers);
}
