using ActorRuntime;
using ActorRuntime.Diagnostics;

namespace Dashboard.Operations;

/// <summary>
/// A bounded trace of one actor (observer_cli's rule): the messages it handles — kind, duration, outcome — until
/// <see cref="TraceLimits.Messages"/> were handled or <see cref="TraceLimits.Duration"/> passed, whichever comes
/// first; then it detaches by itself. Built on the runtime's per-pid event subscription.
/// </summary>
/// <remarks>
/// <see cref="OnEvent"/> runs on the actor's thread for every event while attached; it only appends to a list under a
/// lock (no formatting, no allocation beyond the row). The time bound is a <see cref="TimeProvider"/> timer, so tests
/// drive it with a fake clock. Thread-safe; <see cref="Dispose"/> detaches early.
/// </remarks>
public sealed class ActorTrace : IActorEventListener, IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<TraceRow> _rows = [];
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private IDisposable? _subscription;
    private ITimer? _timer;
    private long _decidedRequest;
    private string? _decision;
    private string? _endReason;

    private ActorTrace(Pid pid, TraceLimits limits, TimeProvider time)
    {
        Pid = pid;
        Limits = limits;
        _time = time;
        _startedAt = time.GetTimestamp();
    }

    /// <summary>Raised (on the actor's or a timer's thread) after a row was added and once when the trace ends.</summary>
    public event Action? Changed;

    /// <summary>The actor traced.</summary>
    public Pid Pid { get; }

    /// <summary>The bounds of this trace.</summary>
    public TraceLimits Limits { get; }

    /// <summary>Null while tracing; why it ended once it did (limit reached, time up, actor stopped, cancelled).</summary>
    public string? EndReason
    {
        get
        {
            lock (_lock)
            {
                return _endReason;
            }
        }
    }

    /// <summary>Time since the trace started, up to its end.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_startedAt);

    /// <summary>
    /// Attaches a trace to <paramref name="pid"/> of <paramref name="system"/>.
    /// </summary>
    /// <exception cref="ActorExitedException">The actor is not alive.</exception>
    public static ActorTrace Start(ActorSystem system, Pid pid, TraceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(limits);
        var trace = new ActorTrace(pid, limits, system.Time);
        lock (trace._lock)
        {
            trace._subscription = system.Subscribe(pid, trace);
            trace._timer = system.Time.CreateTimer(_ => trace.End($"time limit reached ({limits.Duration.TotalSeconds:0.#} s)"), null, limits.Duration, Timeout.InfiniteTimeSpan);
        }

        return trace;
    }

    /// <summary>A copy of the rows so far, oldest first.</summary>
    public IReadOnlyList<TraceRow> Rows()
    {
        lock (_lock)
        {
            return [.. _rows];
        }
    }

    /// <inheritdoc/>
    public void OnEvent(in ActorEvent actorEvent)
    {
        var ended = false;
        lock (_lock)
        {
            if (_endReason is not null)
            {
                return;
            }

            switch (actorEvent.Kind)
            {
                // A call's decision is published just before the handled event of the same call.
                case ActorEventKind.CallReplied or ActorEventKind.CallDeferred:
                    _decidedRequest = actorEvent.RequestId;
                    _decision = actorEvent.Kind == ActorEventKind.CallReplied ? "replied" : "deferred (NoReply)";
                    return;
                case ActorEventKind.Crashed when _rows.Count > 0:
                    _rows[^1] = _rows[^1] with { Outcome = actorEvent.Reason ?? "crashed" }; // the crash reason, "crash: Type: message"
                    break;
                case ActorEventKind.MessageHandled:
                    var isCall = actorEvent.RequestId != 0;
                    var outcome = isCall && actorEvent.RequestId == _decidedRequest ? _decision! : isCall ? "handled" : "ok";
                    _rows.Add(new TraceRow(
                        _rows.Count + 1,
                        _time.GetElapsedTime(_startedAt, actorEvent.Timestamp),
                        isCall ? "call" : "message",
                        actorEvent.Message?.GetType().Name ?? "—",
                        actorEvent.RequestId,
                        actorEvent.Duration,
                        outcome));
                    ended = _rows.Count >= Limits.Messages;
                    break;
                case ActorEventKind.Stopped:
                    ended = true;
                    break;
                default:
                    return;
            }
        }

        if (ended)
        {
            End(actorEvent.Kind == ActorEventKind.Stopped ? $"the actor stopped ({actorEvent.Reason})" : $"message limit reached ({Limits.Messages})");
        }
        else
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Ends the trace early (if still running) and detaches.</summary>
    public void Dispose() => End("cancelled");

    private void End(string reason)
    {
        IDisposable? subscription;
        ITimer? timer;
        lock (_lock)
        {
            if (_endReason is not null)
            {
                return;
            }

            _endReason = reason;
            (subscription, timer) = (_subscription, _timer);
            (_subscription, _timer) = (null, null);
        }

        subscription?.Dispose();
        timer?.Dispose();
        Changed?.Invoke();
    }
}

/// <summary>One message a traced actor handled.</summary>
/// <param name="Number">1, 2, 3… in the order handled.</param>
/// <param name="At">Time since the trace started.</param>
/// <param name="Kind"><c>call</c> or <c>message</c> (a cast or an info message).</param>
/// <param name="Type">The message's type name (never its contents).</param>
/// <param name="RequestId">The call's request id; 0 for other messages.</param>
/// <param name="Duration">How long the callback ran.</param>
/// <param name="Outcome"><c>replied</c>, <c>deferred (NoReply)</c>, <c>handled</c>, <c>ok</c> or <c>crash: …</c> (the crash reason).</param>
public sealed record TraceRow(int Number, TimeSpan At, string Kind, string Type, long RequestId, TimeSpan Duration, string Outcome);

/// <summary>How long a trace runs: at most <see cref="Messages"/> messages and at most <see cref="Duration"/>.</summary>
/// <param name="Messages">1 .. <see cref="MaxMessages"/>.</param>
/// <param name="Duration">1 s .. <see cref="MaxDuration"/>.</param>
public sealed record TraceLimits(int Messages, TimeSpan Duration)
{
    /// <summary>The message bound the form starts with.</summary>
    public const int DefaultMessages = 100;

    /// <summary>The largest message bound.</summary>
    public const int MaxMessages = 1_000;

    /// <summary>The time bound the form starts with.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);

    /// <summary>The largest time bound.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(60);

    /// <summary>The limits, or a clear error for each bound out of range.</summary>
    public static (TraceLimits? Limits, IReadOnlyList<string> Errors) Create(int messages, double seconds)
    {
        var errors = new List<string>();
        if (messages is < 1 or > MaxMessages)
        {
            errors.Add($"Messages must be between 1 and {MaxMessages:N0} (was {messages:N0}).");
        }

        if (double.IsNaN(seconds) || seconds < 1 || seconds > MaxDuration.TotalSeconds)
        {
            errors.Add($"Seconds must be between 1 and {MaxDuration.TotalSeconds:0} (was {seconds}).");
        }

        return errors.Count == 0 ? (new TraceLimits(messages, TimeSpan.FromSeconds(seconds)), errors) : (null, errors);
    }
}
