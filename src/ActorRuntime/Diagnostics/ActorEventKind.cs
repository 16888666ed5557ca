namespace ActorRuntime; // public surface: see README.md, "Layout"

/// <summary>What an <see cref="ActorEvent"/> reports.</summary>
public enum ActorEventKind
{
    /// <summary>The process was created; <c>InitAsync</c> has not run yet.</summary>
    Spawned,
    /// <summary><c>InitAsync</c> completed; the actor takes messages.</summary>
    Started,
    /// <summary>A cast or info message entered the mailbox (calls report <see cref="CallStarted"/>).</summary>
    Enqueued,
    /// <summary>A bounded mailbox refused a message.</summary>
    MailboxRejected,
    /// <summary>A callback finished; <see cref="ActorEvent.Duration"/> is how long it ran.</summary>
    MessageHandled,
    /// <summary>A call is entering the mailbox: always a call's first event. A refused call follows it with
    /// <see cref="MailboxRejected"/> or <see cref="CallFailed"/>.</summary>
    CallStarted,
    /// <summary>The actor took a call off its mailbox and is handling it.</summary>
    CallHandling,
    /// <summary><c>HandleCallAsync</c> returned NoReply: the caller waits for <c>Reply(from, …)</c>.</summary>
    CallDeferred,
    /// <summary>The caller got its reply; <see cref="ActorEvent.Duration"/> is the whole call.</summary>
    CallReplied,
    /// <summary>The caller's timeout passed; <see cref="ActorEvent.TimeoutKind"/> says whether while queued, in the handler or deferred.</summary>
    CallTimedOut,
    /// <summary>The caller's token fired, or an operator cancelled the call (<see cref="ActorEvent.Outcome"/> says which).</summary>
    CallCanceled,
    /// <summary>The call failed because the actor exited or its mailbox was full.</summary>
    CallFailed,
    /// <summary>A queued call was skipped because its caller had already given up.</summary>
    CallExpired,
    /// <summary>A reply came for a caller who no longer waits; it was dropped.</summary>
    LateReplyDropped,
    /// <summary>A callback threw; <see cref="ActorEvent.Reason"/> carries the error.</summary>
    Crashed,
    /// <summary>The restart policy re-ran <c>InitAsync</c> under the same pid.</summary>
    Restarted,
    /// <summary>The process is gone; its pid is free of it.</summary>
    Stopped,
}
