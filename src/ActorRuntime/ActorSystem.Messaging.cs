using ActorRuntime.Calls;
using ActorRuntime.Mailboxes;

namespace ActorRuntime;

public sealed partial class ActorSystem
{
    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="pid"/>'s <c>HandleCallAsync</c> and waits for the reply —
    /// Elixir's <c>GenServer.call/3</c>. Ends exactly once: with the reply, or with one of the exceptions below.
    /// </summary>
    /// <param name="pid">The actor to call.</param>
    /// <param name="request">What to ask; handed to <c>HandleCallAsync</c> as is.</param>
    /// <param name="timeout">How long to wait, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="cancellationToken">Gives up the wait early.</param>
    /// <exception cref="CallTimeoutException">No reply within <paramref name="timeout"/>.</exception>
    /// <exception cref="ActorExitedException">The actor is not alive, or died while the call waited.</exception>
    /// <exception cref="MailboxFullException">The actor's bounded mailbox is full.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero or negative (thrown at once).</exception>
    public Task<object?> CallAsync(Pid pid, object request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A call timeout must be positive, or Timeout.InfiniteTimeSpan.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(cancellationToken);
        }

        if (ProcessOf(pid) is not { } process)
        {
            return Task.FromException<object?>(new ActorExitedException(pid, "noproc", request));
        }

        var call = new PendingCall(process, process.NextRequestId(), request, timeout, Time.GetTimestamp());
        switch (process.Enqueue(new Envelope(EnvelopeKind.Call, call)))
        {
            case EnqueueResult.Full:
                call.TryFail(CallOutcome.Rejected, new MailboxFullException(pid, process.Capacity));
                break;
            case EnqueueResult.Closed:
                call.TryFail(CallOutcome.ActorExited, new ActorExitedException(pid, "noproc", request));
                break;
            default:
                call.Arm(_callTimeouts, cancellationToken);
                break;
        }

        return call.Task;
    }

    /// <summary>Like <see cref="CallAsync(Pid, object, TimeSpan, CancellationToken)"/>, with the reply cast to <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidCastException">The reply is not a <typeparamref name="T"/>.</exception>
    public async Task<T> CallAsync<T>(Pid pid, object request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var reply = await CallAsync(pid, request, timeout, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            T typed => typed,
            null when default(T) is null => default!,
            _ => throw new InvalidCastException(
                $"Call to {pid} with request '{RequestText.Of(request)}' replied with {reply?.GetType().Name ?? "null"}, not the {typeof(T).Name} the caller expected."),
        };
    }

    /// <summary>Answers a caller kept from <c>HandleCallAsync</c> — Elixir's <c>GenServer.reply/2</c>. Any thread may call it.</summary>
    /// <returns><see langword="true"/> if the caller was still waiting and got <paramref name="reply"/>; <see langword="false"/> if
    /// it had timed out, given up or been answered already — the reply is then dropped and counted as late.</returns>
    public bool Reply(From from, object? reply)
    {
        var call = from.Call;
        if (call is null)
        {
            return false;
        }

        if (call.Target.System != this)
        {
            throw new ArgumentException($"{from} belongs to another ActorSystem; reply through the system that made the call.", nameof(from));
        }

        if (call.TryReply(reply))
        {
            return true;
        }

        call.Target.OnLateReply(call);
        return false;
    }

    /// <summary>Sends <paramref name="message"/> to <c>HandleCastAsync</c> without waiting — Elixir's <c>GenServer.cast/2</c>.</summary>
    /// <remarks>Like Elixir, a cast to a pid that is not alive is silently dropped.</remarks>
    /// <exception cref="MailboxFullException">The actor's bounded mailbox is full; use <see cref="TryCast"/> to avoid the exception.</exception>
    public void Cast(Pid pid, object message) => ThrowIfFull(pid, Deliver(pid, EnvelopeKind.Cast, message));

    /// <summary>Sends <paramref name="message"/> to <c>HandleInfoAsync</c> — Elixir's <c>send/2</c>.</summary>
    /// <remarks>Like Elixir, a message to a pid that is not alive is silently dropped.</remarks>
    /// <exception cref="MailboxFullException">The actor's bounded mailbox is full; use <see cref="TrySend"/> to avoid the exception.</exception>
    public void Send(Pid pid, object message) => ThrowIfFull(pid, Deliver(pid, EnvelopeKind.Info, message));

    /// <summary>Like <see cref="Cast"/>, but reports instead of throwing.</summary>
    /// <returns><see langword="false"/> when the actor is not alive or its mailbox is full.</returns>
    public bool TryCast(Pid pid, object message) => Deliver(pid, EnvelopeKind.Cast, message) == EnqueueResult.Enqueued;

    /// <summary>Like <see cref="Send"/>, but reports instead of throwing.</summary>
    /// <returns><see langword="false"/> when the actor is not alive or its mailbox is full.</returns>
    public bool TrySend(Pid pid, object message) => Deliver(pid, EnvelopeKind.Info, message) == EnqueueResult.Enqueued;

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="pid"/> after <paramref name="delay"/> by this system's
    /// <see cref="Time"/> — Elixir's <c>Process.send_after/3</c>. Dispose the result to cancel.
    /// </summary>
    public IDisposable SendAfter(Pid pid, object message, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new DelayedSend(this, pid, message, delay);
    }

    /// <summary>
    /// Stops the actor — Elixir's <c>GenServer.stop/2</c>: after its current callback, its waiting
    /// callers fail with <see cref="ActorExitedException"/>, <c>TerminateAsync</c> runs and the pid is freed.
    /// </summary>
    /// <returns>A task that completes when the actor is gone; at once if it was not alive.</returns>
    /// <remarks>A callback that never completes also keeps the stop from completing.</remarks>
    public Task StopAsync(Pid pid, string reason = "normal")
    {
        ArgumentNullException.ThrowIfNull(reason);
        return _processes.TryGetValue(pid.Id, out var process) ? process.RequestStop(reason) : Task.CompletedTask;
    }

    private EnqueueResult Deliver(Pid pid, EnvelopeKind kind, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ProcessOf(pid) is { } process ? process.EnqueueTell(kind, message) : EnqueueResult.Closed;
    }

    private void ThrowIfFull(Pid pid, EnqueueResult result)
    {
        if (result == EnqueueResult.Full)
        {
            throw new MailboxFullException(pid, _processes.TryGetValue(pid.Id, out var process) ? process.Capacity : 0);
        }
    }

    /// <summary>A pending <see cref="SendAfter"/>: one timer, disposed once it fires or is cancelled.</summary>
    private sealed class DelayedSend : IDisposable
    {
        private readonly ActorSystem _system;
        private readonly Pid _pid;
        private readonly object _message;
        private readonly ITimer _timer;
        private int _done;

        public DelayedSend(ActorSystem system, Pid pid, object message, TimeSpan delay)
        {
            (_system, _pid, _message) = (system, pid, message);
            _timer = system.Time.CreateTimer(static state => ((DelayedSend)state!).Fire(), this, delay, Timeout.InfiniteTimeSpan);
            if (Volatile.Read(ref _done) != 0)
            {
                _timer.Dispose(); // fired before the constructor returned
            }
        }

        public void Dispose()
        {
            Interlocked.Exchange(ref _done, 1);
            _timer?.Dispose(); // null only while the constructor still runs
        }

        private void Fire()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                _system.TrySend(_pid, _message);
                _timer?.Dispose();
            }
        }
    }
}
