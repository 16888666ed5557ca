using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ActorRuntime.Calls;
using ActorRuntime.Diagnostics;
using ActorRuntime.Mailboxes;
using ActorRuntime.Supervision;

namespace ActorRuntime.Processes;

/// <summary>
/// One running actor: it takes messages into its mailbox, schedules itself, runs its loop and goes idle.
/// Every field of the process is declared here. The loop is in <c>ActorProcess.Loop.cs</c>, exits and
/// restarts in <c>ActorProcess.Exit.cs</c>, counting, timing, snapshots and events in <c>ActorProcess.Reporting.cs</c>,
/// operator actions in <c>ActorProcess.Operator.cs</c>;
/// running a callback and carrying out its decision is <see cref="CallbackInvoker"/>'s.
/// </summary>
/// <remarks>
/// The process is its own thread-pool work item: enqueueing into an empty mailbox schedules it once,
/// and it runs until the mailbox is empty, so no thread or task is held while the actor is idle.
/// </remarks>
internal sealed partial class ActorProcess : IThreadPoolWorkItem
{
    /// <summary>The process whose callback this thread is running synchronously, if any.</summary>
    [ThreadStatic]
    private static ActorProcess? t_handling;

    // Fixed at spawn.
    private readonly IGenServer _server;
    private readonly Mailbox _mailbox;
    private readonly int? _capacity;
    private readonly RestartPolicy _restart;

    // Scheduling: any thread.
    private int _scheduled;
    private int _status = (int)ActorStatus.Starting;
    private int _interrupt; // nonzero while a stop or an operator request waits: the one field the batch reads per message

    // Written by the loop only (read anywhere for snapshots). What it writes per message is in LoopState.
    private bool _needsInit = true;
    private LoopState? _loop; // created with the first message; see LoopState for why it is apart
    private DeferredCalls? _deferred; // created by the first NoReply: actors that never defer carry none
    private long _expired;
    private long _crashes;
    private long _restarts;
    private string? _lastCrashReason;
    private RestartIntensity? _intensity;
    private long _flushed; // messages dropped by FlushMailboxAsync

    // Written from other threads.
    private CallCounters? _callCounters; // callers', repliers' and timers': see CallCounters for why it is apart
    private ListenerSet? _listeners; // created on first subscription: idle actors carry no list
    private ConcurrentQueue<OperatorRequest>? _requests; // created by the first operator request; run by the loop between messages

    // Exit: a stop request from any thread; the record and the sentinel from the loop as it exits.
    private string? _stopReason;
    private TaskCompletionSource? _exited; // created by the first StopAsync; the sentinel once exited
    private ExitRecord? _exit; // set before the mailbox closes, for callers that race the final drain

    public ActorProcess(ActorSystem system, long id, IGenServer server, SpawnOptions options)
    {
        System = system;
        Pid = new Pid(id, this);
        _server = server;
        _capacity = options.MailboxCapacity;
        _mailbox = new Mailbox(options.MailboxCapacity);
        _restart = options.Restart;
        Owner = options.Owner;
        Name = options.Name ?? server.GetType().Name;
        SpawnedAt = system.Time.GetUtcNow();
    }

    public ActorSystem System { get; }

    public Pid Pid { get; }

    public string? Owner { get; }

    public string Name { get; }

    public DateTimeOffset SpawnedAt { get; }

    public ActorStatus Status => (ActorStatus)Volatile.Read(ref _status);

    public int QueueDepth => _mailbox.Count;

    public int Capacity => _capacity ?? int.MaxValue;

    public int DeferredCount => Volatile.Read(ref _deferred)?.Count ?? 0;

    /// <summary>Slots of the mailbox ring the loop reads from (see <see cref="Mailbox.HeadSegmentLength"/>).</summary>
    internal int MailboxSlots => _mailbox.HeadSegmentLength;

    /// <summary>The server whose callbacks <see cref="CallbackInvoker"/> runs.</summary>
    internal IGenServer Server => _server;

    /// <summary>The deferred-call list, created on first use. The loop's (and tests') only.</summary>
    internal DeferredCalls DeferredList => LazyInitializer.EnsureInitialized(ref _deferred);

    private CallCounters CountersForCalls => LazyInitializer.EnsureInitialized(ref _callCounters);

    /// <summary>Stores a message and wakes the loop if it was idle.</summary>
    /// <remarks>
    /// A call's <see cref="ActorEventKind.CallStarted"/> is published before the call becomes visible
    /// to the loop, so listeners always see it before the call's <see cref="ActorEventKind.CallHandling"/>;
    /// a refused call then reports <see cref="ActorEventKind.MailboxRejected"/> or fails.
    /// </remarks>
    public EnqueueResult Enqueue(in Envelope envelope)
    {
        var isCall = envelope.Kind == EnvelopeKind.Call;
        if (isCall)
        {
            Publish(ActorEventKind.CallStarted, envelope.Call!.RequestId, envelope.Message);
        }

        var result = _mailbox.TryEnqueue(envelope);
        switch (result)
        {
            case EnqueueResult.Enqueued:
                if (isCall)
                {
                    Interlocked.Increment(ref CountersForCalls.Calls);
                    System.Metrics.Calls.Add(1);
                }
                else
                {
                    Publish(ActorEventKind.Enqueued, 0, envelope.Message);
                }

                Schedule();
                break;
            case EnqueueResult.Full:
                Interlocked.Increment(ref CountersForCalls.Rejected);
                System.Metrics.Rejections.Add(1);
                Publish(ActorEventKind.MailboxRejected, envelope.Call?.RequestId ?? 0, envelope.Message);
                break;
            case EnqueueResult.Closed:
                FailStranded();
                break;
        }

        return result;
    }

    /// <summary>Stores a cast or an info and wakes the loop if it was idle: <see cref="Enqueue"/> for tells.</summary>
    /// <remarks>
    /// A tell's own path: the kind and message go by value (in registers), and the refusals are out of line, so a
    /// sender's loop keeps only the store, the listener check and the schedule check (bench/DECISIONS.md, 'Send: a tell's own path').
    /// </remarks>
    public EnqueueResult EnqueueTell(EnvelopeKind kind, object message)
    {
        var result = _mailbox.TryEnqueue(kind, message);
        if (result != EnqueueResult.Enqueued)
        {
            return OnTellRefused(result, message);
        }

        Publish(ActorEventKind.Enqueued, 0, message);
        Schedule();
        return result;
    }

    /// <summary>A tell was refused: count and report a full mailbox, or fail what raced the exit's drain, as <see cref="Enqueue"/> does.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private EnqueueResult OnTellRefused(EnqueueResult result, object message)
    {
        if (result == EnqueueResult.Full)
        {
            Interlocked.Increment(ref CountersForCalls.Rejected);
            System.Metrics.Rejections.Add(1);
            Publish(ActorEventKind.MailboxRejected, 0, message);
        }
        else
        {
            FailStranded();
        }

        return result;
    }

    /// <summary>Makes sure the loop runs soon; at most one loop runs per actor.</summary>
    public void Schedule()
    {
        if (Volatile.Read(ref _scheduled) == 0 && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = RunAsync();

    /// <summary>Numbers the next call to this actor: 1, 2, 3… (per actor, so callers of different actors never contend for one counter).</summary>
    public long NextRequestId() => Interlocked.Increment(ref CountersForCalls.RequestIds);

    /// <summary>For tests: runs <paramref name="action"/> as if inside one of this actor's callbacks.</summary>
    internal void RunAsCallback(Action action)
    {
        t_handling = this;
        try
        {
            action();
        }
        finally
        {
            t_handling = null;
        }
    }

    /// <summary>
    /// A message raced the exit's final drain into the closed mailbox: take whatever is left and fail
    /// its callers with the exit's reason, as the drain would have.
    /// </summary>
    private void FailStranded()
    {
        var exit = Volatile.Read(ref _exit);
        foreach (var stranded in _mailbox.DrainAll(close: true))
        {
            stranded.Call?.TryFail(CallOutcome.ActorExited,
                new ActorExitedException(Pid, exit?.Reason ?? "noproc", stranded.Call.Request, exit?.Exception));
        }
    }

    internal void SetStatus(ActorStatus status) => Volatile.Write(ref _status, (int)status);

    private sealed record ExitRecord(string Reason, Exception? Exception);
}
