namespace ActorRuntime.Benchmarks.Runtimes;

/// <summary>Completes a task once <see cref="Signal"/> has been called a set number of times.</summary>
public sealed class Countdown
{
    private int _remaining;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Re-arms the countdown; the returned task completes after <paramref name="signals"/> signals.</summary>
    public Task Reset(int signals)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, signals);
        return _done.Task;
    }

    /// <summary>Called by an actor when it has received its batch.</summary>
    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}
