using Dashboard.Heartbeats;

namespace Dashboard.Services;

/// <summary>
/// Reads, from the calls a <see cref="CallTracker"/> saw, what <see cref="NaiveHeartbeatActor"/>'s single
/// From slot did: which caller lost its From to a newer call and is therefore stranded until its timeout.
/// </summary>
/// <remarks>
/// The naive actor stores each new caller's From in its one slot. A caller whose From is still in the slot
/// when the next naive call is handled can never be answered: the slot now holds the newer caller, and the
/// first result to arrive goes there. The correct <see cref="HeartbeatActor"/> never overwrites anyone.
/// </remarks>
public static class NaiveSlot
{
    /// <summary>
    /// The later naive call whose <c>HandleCallAsync</c> overwrote <paramref name="call"/>'s From, or null when
    /// <paramref name="call"/> is not a naive call, got an answer, or was not overwritten (yet).
    /// </summary>
    /// <param name="call">The call to examine.</param>
    /// <param name="calls">The calls of the same owner (may include <paramref name="call"/> itself).</param>
    public static CallRecord? OverwrittenBy(CallRecord call, IEnumerable<CallRecord> calls)
    {
        if (call.Mode != ActorMode.Naive || call.HandlingAt == 0 || call.AnsweredWith is not null)
        {
            return null; // an answered caller's From was used, not lost
        }

        var waitedUntil = call.EndedAt == 0 ? long.MaxValue : call.EndedAt;
        CallRecord? first = null;
        foreach (var other in calls)
        {
            if (other.Mode == ActorMode.Naive && other.CallId != call.CallId && other.HandlingAt != 0
                && HandledBefore(call, other) && other.HandlingAt < waitedUntil
                && (first is null || HandledBefore(other, first)))
            {
                first = other;
            }
        }

        return first;
    }

    /// <summary>
    /// True when <paramref name="call"/>'s external result reached a naive actor whose slot was empty — the caller it
    /// last held had already been answered — so the actor threw the result away.
    /// </summary>
    /// <param name="call">The call whose result to examine.</param>
    /// <param name="calls">The calls of the same owner.</param>
    public static bool ResultIgnored(CallRecord call, IReadOnlyCollection<CallRecord> calls)
    {
        if (call.Mode != ActorMode.Naive || call.ExternalDoneAt == 0 || call.NeverAnswered || call.LateReplyAt != 0
            || calls.Any(other => other.AnsweredWith == call.CallId))
        {
            return false;
        }

        CallRecord? holder = null; // the last naive caller put in the slot before the result arrived
        foreach (var other in calls)
        {
            if (other.Mode == ActorMode.Naive && other.HandlingAt != 0 && other.HandlingAt <= call.ExternalDoneAt
                && (holder is null || HandledBefore(holder, other)))
            {
                holder = other;
            }
        }

        var answeredAt = holder?.RepliedAt is > 0 and var replied ? replied : holder?.EndedAt ?? 0;
        return holder is { AnsweredWith: not null } && answeredAt != 0 && answeredAt <= call.ExternalDoneAt;
    }

    /// <summary>Whether <paramref name="a"/> was taken off the mailbox before <paramref name="b"/>; by order when known, since timestamps can tie.</summary>
    private static bool HandledBefore(CallRecord a, CallRecord b) =>
        a.HandlingOrder != 0 && b.HandlingOrder != 0 ? a.HandlingOrder < b.HandlingOrder : a.HandlingAt < b.HandlingAt;
}
