using ActorRuntime.Calls;

namespace ActorRuntime.Processes;

internal sealed partial class ActorProcess
{
    /// <summary>Crashes the actor with <see cref="ActorKilledException"/> between messages; its restart policy decides what follows.</summary>
    public Task<bool> KillAsync(string reason) => Request<bool>(static async (process, done, reason) =>
    {
        var goesOn = await process.CrashAsync(new ActorKilledException(process.Pid, reason), duringInit: false);
        done.TrySetResult(goesOn);
        return goesOn;
    }, reason);

    /// <summary>Restarts the actor between messages, whatever its policy: callers fail, TerminateAsync and InitAsync run.</summary>
    public Task<bool> RestartAsync(string reason) => Request<bool>(static async (process, done, reason) =>
    {
        await process.RestartCoreAsync(reason, exception: null, runTerminate: true);
        var goesOn = await CallbackInvoker.RunInitAsync(process);
        done.TrySetResult(goesOn);
        return goesOn;
    }, reason);

    /// <summary>Drops what is queued, between messages (the loop is the mailbox's only reader); queued callers fail at once.</summary>
    public Task<int> FlushMailboxAsync(string reason) => Request<int>(static (process, done, reason) =>
    {
        var dropped = process._mailbox.DrainAll(close: false);
        foreach (var envelope in dropped)
        {
            envelope.Call?.TryFail(CallOutcome.CancelledByOperator, new CallCancelledException(process.Pid, envelope.Call.Request, reason));
        }

        Volatile.Write(ref process._flushed, process._flushed + dropped.Length);
        done.TrySetResult(dropped.Length);
        return new ValueTask<bool>(true);
    }, reason);

    /// <summary>Asks the server for its <see cref="IDescribeState{TState}"/> view, between messages; null when it does not opt in.</summary>
    public Task<IReadOnlyList<KeyValuePair<string, string>>?> DescribeStateAsync() =>
        Request<IReadOnlyList<KeyValuePair<string, string>>?>(static (process, done, _) =>
        {
            try
            {
                done.TrySetResult(process._server.RunDescribeState());
            }
            catch (Exception exception)
            {
                done.TrySetException(new InvalidOperationException(
                    $"DescribeState of {process.Name} {process.Pid} threw {exception.GetType().Name}: {exception.Message}", exception));
            }

            return new ValueTask<bool>(true);
        }, string.Empty);

    /// <summary>Any thread: ends the waiting call <paramref name="requestId"/> with <see cref="CallCancelledException"/>. False when no such call waits.</summary>
    /// <remarks>A queued call so ended is skipped when its turn comes; a call in its handler keeps running, and its reply counts as late.</remarks>
    public bool CancelCall(long requestId, string reason) =>
        WaitingCalls().FirstOrDefault(call => call.RequestId == requestId) is { } call
        && call.TryFail(CallOutcome.CancelledByOperator, new CallCancelledException(Pid, call.Request, reason));

    /// <summary>Any thread: every call that still waits — queued, in its handler, deferred — oldest first.</summary>
    public IReadOnlyList<PendingCallInfo> PendingCallsSnapshot() =>
        [.. WaitingCalls().Where(call => !call.IsCompleted).OrderBy(call => call.StartTimestamp).Select(ToInfo)];

    private PendingCallInfo ToInfo(PendingCall call) =>
        new(call.RequestId, call.Request, call.Phase, System.Time.GetElapsedTime(call.StartTimestamp), call.Timeout) { Deadline = call.Deadline };

    private IEnumerable<PendingCall> WaitingCalls()
    {
        var calls = _mailbox.SnapshotCalls();
        if (Volatile.Read(ref _loop)?.Current is { } current)
        {
            calls.Add(current);
        }

        calls.AddRange(Volatile.Read(ref _deferred)?.Waiting() ?? []);
        return calls.Distinct(); // a call taken off the mailbox while we looked may be seen twice
    }

    private Task<T> Request<T>(Func<ActorProcess, TaskCompletionSource<T>, string, ValueTask<bool>> run, string argument)
    {
        var request = new OperatorRequest<T>((process, done) => run(process, done, argument));
        LazyInitializer.EnsureInitialized(ref _requests).Enqueue(request);
        Interlocked.Exchange(ref _interrupt, 1); // a full fence: the enqueue before the exit check below
        Schedule();
        if (Volatile.Read(ref _exit) is not null)
        {
            AbandonOperatorRequests(); // exited meanwhile: its loop will not run the request
        }

        return request.Completion.Task;
    }

    /// <summary>Loop only, between messages: runs the waiting operator requests in order. False when one made the actor exit.</summary>
    private async ValueTask<bool> RunOperatorRequestsAsync()
    {
        Interlocked.Exchange(ref _interrupt, 0);
        if (Volatile.Read(ref _stopReason) is not null)
        {
            Interlocked.Exchange(ref _interrupt, 1); // the stop goes first
            return true;
        }

        while (_requests?.TryDequeue(out var request) == true)
        {
            bool goesOn;
            try
            {
                goesOn = await request.RunAsync(this);
            }
            catch (Exception exception)
            {
                request.Abandon(exception);
                continue;
            }

            if (!goesOn)
            {
                return false;
            }

            if (_needsInit && !_requests.IsEmpty)
            {
                Interlocked.Exchange(ref _interrupt, 1); // a kill restarted the actor: InitAsync before the rest
                break;
            }
        }

        return true;
    }

    /// <summary>The actor is gone: fails every operator request nobody will run. Any thread; each request once.</summary>
    private void AbandonOperatorRequests()
    {
        var reason = Volatile.Read(ref _exit)?.Reason ?? "noproc";
        while (Volatile.Read(ref _requests)?.TryDequeue(out var request) == true)
        {
            request.Abandon(new ActorExitedException(Pid, reason));
        }
    }
}
