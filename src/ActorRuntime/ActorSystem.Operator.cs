namespace ActorRuntime;

public sealed partial class ActorSystem
{
    /// <summary>
    /// Crashes the actor as if a callback had thrown <see cref="ActorKilledException"/> — Erlang's <c>exit(pid, kill)</c>,
    /// except that its restart policy decides what follows: with <see cref="RestartPolicy.OnCrash"/> it restarts under the same pid.
    /// </summary>
    /// <returns>Completes once the crash is handled: true when the actor restarted, false when it exited.</returns>
    /// <remarks>Takes effect between messages: a callback that is running finishes first.</remarks>
    /// <exception cref="ActorExitedException">The actor is not alive, or exited before the kill took effect.</exception>
    public Task<bool> KillAsync(Pid pid, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return TryGetLive(pid, out var process) ? process.KillAsync(reason) : NotAlive<bool>(pid);
    }

    /// <summary>
    /// Restarts the actor under the same pid, whatever its policy: its waiting callers fail with
    /// <see cref="ActorExitedException"/> (<paramref name="reason"/>), the mailbox is dropped, <c>TerminateAsync</c> then
    /// <c>InitAsync</c> run. Counted as a restart, not a crash.
    /// </summary>
    /// <returns>Completes after <c>InitAsync</c>: true when it succeeded, false when it failed and the actor exited.</returns>
    /// <remarks>Takes effect between messages.</remarks>
    /// <exception cref="ActorExitedException">The actor is not alive, or exited before the restart took effect.</exception>
    public Task<bool> RestartAsync(Pid pid, string reason = "restarted by operator")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return TryGetLive(pid, out var process) ? process.RestartAsync(reason) : NotAlive<bool>(pid);
    }

    /// <summary>
    /// Drops every message waiting in the actor's mailbox; the callers of dropped calls fail at once with
    /// <see cref="CallCancelledException"/>. Counted in <see cref="ActorInfo.MessagesFlushed"/>.
    /// </summary>
    /// <returns>How many messages were dropped.</returns>
    /// <remarks>Asynchronous because it runs on the actor's loop, between messages: the mailbox has one reader.</remarks>
    /// <exception cref="ActorExitedException">The actor is not alive, or exited before the flush took effect.</exception>
    public Task<int> FlushMailboxAsync(Pid pid, string reason = "mailbox flushed by operator")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return TryGetLive(pid, out var process) ? process.FlushMailboxAsync(reason) : NotAlive<int>(pid);
    }

    /// <summary>
    /// Ends one waiting call (queued, in its handler, or deferred) at once: its caller gets
    /// <see cref="CallCancelledException"/> ("cancelled by operator"). Ids come from <see cref="GetPendingCalls"/>.
    /// </summary>
    /// <returns>False when the actor is not alive or no call with <paramref name="requestId"/> waits.</returns>
    /// <remarks>A queued call so ended is skipped when its turn comes (counted as expired); a handler already running
    /// for it goes on, and its reply is dropped as late; a deferred reply to it is dropped as late.</remarks>
    public bool CancelCall(Pid pid, long requestId, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return TryGetLive(pid, out var process) && process.CancelCall(requestId, reason);
    }

    /// <summary>Every call to <paramref name="pid"/> that still waits, oldest first: queued, in its handler, or deferred.</summary>
    /// <remarks>A snapshot taken without stopping the actor: a call may change phase as it is read.</remarks>
    public IReadOnlyList<PendingCallInfo> GetPendingCalls(Pid pid) =>
        TryGetLive(pid, out var process) ? process.PendingCallsSnapshot() : [];

    /// <summary>
    /// The actor's own view of its state, when its server implements <see cref="IDescribeState{TState}"/>; null when it does not.
    /// Read on the actor's loop between messages (ahead of queued ones), so it waits for a running callback.
    /// </summary>
    /// <exception cref="ActorExitedException">The actor is not alive, or exited first.</exception>
    /// <exception cref="TimeoutException">The actor did not get between two messages within <paramref name="timeout"/> (by the system's clock).</exception>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>?> DescribeStateAsync(Pid pid, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (!TryGetLive(pid, out var process))
        {
            throw new ActorExitedException(pid, "noproc");
        }

        try
        {
            return await process.DescribeStateAsync().WaitAsync(timeout, Time).ConfigureAwait(false);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(
                $"{pid} did not get between two messages within {timeout.TotalMilliseconds:0} ms to describe its state: a callback may be stuck (see GetPendingCalls).", exception);
        }
    }

    private bool TryGetLive(Pid pid, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Processes.ActorProcess? process) =>
        _processes.TryGetValue(pid.Id, out process);

    private static Task<T> NotAlive<T>(Pid pid) => Task.FromException<T>(new ActorExitedException(pid, "noproc"));
}
