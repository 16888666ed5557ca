namespace ActorRuntime;

/// <summary>Base class of every error the runtime raises on purpose.</summary>
public abstract class ActorRuntimeException : Exception
{
    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    protected ActorRuntimeException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A call got no reply within its timeout — Elixir's <c>exit({:timeout, {GenServer, :call, …}})</c>.
/// </summary>
public sealed class CallTimeoutException : ActorRuntimeException
{
    /// <summary>Creates the exception for a call to <paramref name="pid"/> that timed out where <paramref name="kind"/> says.</summary>
    public CallTimeoutException(Pid pid, object request, TimeSpan timeout, CallTimeoutKind kind)
        : base($"Call to {pid} with request '{RequestText.Of(request)}' timed out after {timeout.TotalMilliseconds:0} ms " + kind switch
        {
            CallTimeoutKind.WhileQueued => "while still queued: the actor was busy with earlier messages. Reduce the load on it or raise the timeout.",
            CallTimeoutKind.WhileHandling => "while the actor was still handling it: HandleCallAsync had not returned. Return NoReply and do the slow work elsewhere, reporting back with Reply(from), or raise the timeout.",
            _ => "while deferred: the actor took the call (NoReply) but nobody called Reply(from) in time. Check that the external work reports back, or raise the timeout.",
        })
    {
        Pid = pid;
        Request = request;
        Timeout = timeout;
        Kind = kind;
    }

    /// <summary>Creates the exception for a call that timed out queued (<paramref name="whileQueued"/>) or deferred.</summary>
    public CallTimeoutException(Pid pid, object request, TimeSpan timeout, bool whileQueued)
        : this(pid, request, timeout, whileQueued ? CallTimeoutKind.WhileQueued : CallTimeoutKind.WhileDeferred)
    {
    }

    /// <summary>The actor that was called.</summary>
    public Pid Pid { get; }

    /// <summary>The request that went unanswered.</summary>
    public object Request { get; }

    /// <summary>The timeout the caller gave.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Where the call was when the timeout passed: queued, in the handler, or deferred.</summary>
    public CallTimeoutKind Kind { get; }

    /// <summary><see langword="true"/> when the actor never reached the call (a congested mailbox): <see cref="Kind"/> is <see cref="CallTimeoutKind.WhileQueued"/>.</summary>
    public bool WhileQueued => Kind == CallTimeoutKind.WhileQueued;
}

/// <summary>
/// The called actor does not exist, has stopped, or died while the call waited — Elixir's <c>:noproc</c> / <c>EXIT</c>.
/// </summary>
public sealed class ActorExitedException : ActorRuntimeException
{
    /// <summary>Creates the exception for <paramref name="pid"/> exiting with <paramref name="reason"/>.</summary>
    public ActorExitedException(Pid pid, string reason, object? request = null, Exception? innerException = null)
        : base(request is null
            ? $"Actor {pid} exited ({reason})."
            : $"Call to {pid} with request '{RequestText.Of(request)}' failed: the actor exited ({reason}). Spawn a new actor or use a restart policy.",
            innerException)
    {
        Pid = pid;
        Reason = reason;
        Request = request;
    }

    /// <summary>The actor that exited.</summary>
    public Pid Pid { get; }

    /// <summary>Why it exited: <c>noproc</c>, <c>normal</c>, a stop reason, or the crash message.</summary>
    public string Reason { get; }

    /// <summary>The request that was waiting, when the exception ends a call.</summary>
    public object? Request { get; }
}

/// <summary>
/// An operator cancelled the call (<see cref="ActorSystem.CancelCall"/>) or flushed the mailbox it waited in
/// (<see cref="ActorSystem.FlushMailboxAsync"/>): the caller stops waiting at once.
/// </summary>
public sealed class CallCancelledException : ActorRuntimeException
{
    /// <summary>Creates the exception for a call to <paramref name="pid"/> ended by an operator for <paramref name="reason"/>.</summary>
    public CallCancelledException(Pid pid, object request, string reason)
        : base($"Call to {pid} with request '{RequestText.Of(request)}' was cancelled by operator ({reason}). Retry it if it still matters.")
    {
        Pid = pid;
        Request = request;
        Reason = reason;
    }

    /// <summary>The actor that was called.</summary>
    public Pid Pid { get; }

    /// <summary>The request that was cancelled.</summary>
    public object Request { get; }

    /// <summary>What the operator gave as the reason.</summary>
    public string Reason { get; }
}

/// <summary>What a killed actor crashes with (<see cref="ActorSystem.KillAsync"/>); its waiting callers see it in their <see cref="ActorExitedException.Reason"/>.</summary>
public sealed class ActorKilledException : ActorRuntimeException
{
    /// <summary>Creates the exception for <paramref name="pid"/>, killed for <paramref name="reason"/>.</summary>
    public ActorKilledException(Pid pid, string reason)
        : base($"killed by operator: {reason}")
    {
        Pid = pid;
        Reason = reason;
    }

    /// <summary>The actor that was killed.</summary>
    public Pid Pid { get; }

    /// <summary>What the operator gave as the reason.</summary>
    public string Reason { get; }
}

/// <summary>A bounded mailbox (<see cref="SpawnOptions.MailboxCapacity"/>) was full; the message was not stored.</summary>
public sealed class MailboxFullException : ActorRuntimeException
{
    /// <summary>Creates the exception for <paramref name="pid"/>.</summary>
    public MailboxFullException(Pid pid, int capacity)
        : base($"The mailbox of {pid} is full ({capacity} messages); the message was rejected. Slow the sender down or raise SpawnOptions.MailboxCapacity.")
    {
        Pid = pid;
        Capacity = capacity;
    }

    /// <summary>The actor whose mailbox was full.</summary>
    public Pid Pid { get; }

    /// <summary>The mailbox's capacity.</summary>
    public int Capacity { get; }
}

/// <summary><see cref="ActorSystem.Spawn"/> was refused because <see cref="ActorSystemOptions.MaxActors"/> actors are alive.</summary>
public sealed class ActorLimitExceededException : ActorRuntimeException
{
    /// <summary>Creates the exception for a system limited to <paramref name="maxActors"/> actors.</summary>
    public ActorLimitExceededException(int maxActors)
        : base($"Cannot spawn another actor: the system already runs its maximum of {maxActors} actors (ActorSystemOptions.MaxActors). Stop idle actors or raise the limit.")
        => MaxActors = maxActors;

    /// <summary>The limit that was reached.</summary>
    public int MaxActors { get; }
}

/// <summary>A request as error messages show it.</summary>
internal static class RequestText
{
    private const int MaxLength = 200;

    /// <summary>
    /// The request's text, cut to <see cref="MaxLength"/> characters. A <c>ToString</c> that throws gives the
    /// type's name instead: these messages are built while calls are being completed (on a timer's thread,
    /// in an exiting actor's drain), where an exception would leave callers without an outcome.
    /// </summary>
    public static string Of(object? request)
    {
        string? text;
        try
        {
            text = request?.ToString();
        }
        catch (Exception exception)
        {
            return $"{request!.GetType().Name} (its ToString threw {exception.GetType().Name})";
        }

        text ??= "null";
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
    }
}
