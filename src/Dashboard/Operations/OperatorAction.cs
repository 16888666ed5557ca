using ActorRuntime;

namespace Dashboard.Operations;

/// <summary>What an operator can do to one actor from its drill-down page (or <c>POST /actors/{pid}/operator/{action}</c>).</summary>
public enum OperatorActionKind
{
    /// <summary>Stop the actor for good (<c>GenServer.stop/2</c>): its waiting callers fail at once.</summary>
    Stop,
    /// <summary>Crash the actor; its restart policy then decides whether it comes back under the same pid.</summary>
    Kill,
    /// <summary>Restart the actor under the same pid (terminate, then init again).</summary>
    Restart,
    /// <summary>Drop every message queued in its mailbox, counted.</summary>
    FlushMailbox,
    /// <summary>End one pending call; its caller gets a "cancelled by operator" outcome.</summary>
    CancelCall,
}

/// <summary>One operator action, as asked.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Pid">The actor (local to this node).</param>
/// <param name="RequestId">The call to cancel, for <see cref="OperatorActionKind.CancelCall"/>; 0 otherwise.</param>
public sealed record OperatorCommand(OperatorActionKind Kind, Pid Pid, long RequestId = 0)
{
    /// <summary>The action's name in URLs and logs: <c>stop</c>, <c>kill</c>, <c>restart</c>, <c>flush</c>, <c>cancel-call</c>.</summary>
    public string Name => NameOf(Kind);

    /// <summary>The URL name of <paramref name="kind"/>.</summary>
    public static string NameOf(OperatorActionKind kind) => kind switch
    {
        OperatorActionKind.FlushMailbox => "flush",
        OperatorActionKind.CancelCall => "cancel-call",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a URL name (<see cref="NameOf"/>); false for anything else.</summary>
    public static bool TryParseKind(string? name, out OperatorActionKind kind)
    {
        foreach (var candidate in Enum.GetValues<OperatorActionKind>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

/// <summary>How an operator action ended.</summary>
public enum OperatorOutcome
{
    /// <summary>It was carried out.</summary>
    Done,
    /// <summary>The user is not an admin: nothing was done.</summary>
    Refused,
    /// <summary>The actor is not alive on this node (or the call is no longer pending): nothing was done.</summary>
    NotFound,
    /// <summary>The actor did not get between two messages in time (a callback may be stuck); the action takes effect once it does.</summary>
    NoAnswer,
}

/// <summary>The answer to an <see cref="OperatorCommand"/>: what happened, in one sentence for the operator.</summary>
/// <param name="Outcome">Whether it was carried out.</param>
/// <param name="Message">What the operator reads.</param>
/// <param name="Count">For a flush, how many messages were dropped; 0 otherwise.</param>
public sealed record OperatorResult(OperatorOutcome Outcome, string Message, int Count = 0)
{
    /// <summary>True when the action was carried out.</summary>
    public bool Done => Outcome == OperatorOutcome.Done;
}

/// <summary>What an operator did to a session's actor, as its own tab shows it ("stopped by an operator").</summary>
/// <param name="Kind">The action.</param>
/// <param name="Pid">The actor it was done to.</param>
/// <param name="Text">The sentence the tab shows.</param>
/// <param name="At">When (<see cref="TimeProvider.GetUtcNow"/>).</param>
public sealed record OperatorNotice(OperatorActionKind Kind, Pid Pid, string Text, DateTimeOffset At);
