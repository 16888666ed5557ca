using ActorRuntime;

namespace Dashboard.Services;

/// <summary>
/// A coalescing change signal for one session: whatever the tab shows moved (a call's step, a job, a counter,
/// the mailbox). Writers — the actor's events, the external worker, the session's own calls — only bump a
/// counter; one reader (the tab's page) awaits the next change and renders once for however many there were.
/// </summary>
/// <remarks>
/// Thread-safe and lock-free; <see cref="Notify"/> allocates nothing, so a 10,000-message flood costs 20,000
/// increments, not 20,000 renders. Only one reader may wait at a time (a circuit shows one page).
/// </remarks>
public sealed class SessionChanges(TimeProvider time) : IActorEventListener
{
    private long _calls;
    private long _mailbox;
    private long _firstUnseenAtMs;
    private TaskCompletionSource<bool>? _waiter;

    /// <summary>Moves on every change of the calls, counters, jobs or the session's state.</summary>
    public long CallsVersion => Volatile.Read(ref _calls);

    /// <summary>Moves on every message that entered or left the mailbox outside a call (a flood, a cast).</summary>
    public long MailboxVersion => Volatile.Read(ref _mailbox);

    /// <summary>Moves on every change of either kind.</summary>
    public long Version => CallsVersion + MailboxVersion;

    /// <summary>Something the calls view shows changed.</summary>
    public void Notify() => Bump(ref _calls);

    /// <inheritdoc/>
    public void OnEvent(in ActorEvent actorEvent)
    {
        if (actorEvent.Kind is ActorEventKind.Enqueued or ActorEventKind.MessageHandled or ActorEventKind.MailboxRejected)
        {
            Bump(ref _mailbox);
        }
        else
        {
            Bump(ref _calls);
        }
    }

    /// <summary>
    /// The wall-clock time (Unix ms) of the first change since the last call, or 0 when nothing changed; resets it.
    /// A page renders it, so a browser can measure how long a change took to reach the screen.
    /// </summary>
    public long TakeFirstUnseenAt() => Interlocked.Exchange(ref _firstUnseenAtMs, 0);

    /// <summary>
    /// Completes with true once <see cref="Version"/> differs from <paramref name="seen"/> (at once if it already does),
    /// with false after <paramref name="timeout"/> on the session's clock.
    /// </summary>
    public async Task<bool> WaitAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Version != seen)
        {
            return true;
        }

        var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _waiter, waiter); // a full fence: Bump sees the waiter, or this sees Bump's version
        if (Version != seen)
        {
            return true; // a change raced the registration
        }

        await using var timer = time.CreateTimer(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(false), waiter, timeout, Timeout.InfiniteTimeSpan);
        await using var cancel = cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetCanceled(), waiter);
        return await waiter.Task;
    }

    private void Bump(ref long counter)
    {
        Interlocked.Increment(ref counter);
        if (Volatile.Read(ref _firstUnseenAtMs) == 0)
        {
            Interlocked.CompareExchange(ref _firstUnseenAtMs, time.GetUtcNow().ToUnixTimeMilliseconds(), 0);
        }

        if (Volatile.Read(ref _waiter) is not null && Interlocked.Exchange(ref _waiter, null) is { } waiter)
        {
            waiter.TrySetResult(true);
        }
    }
}
