namespace TestSupport;

/// <summary>
/// Gives back the thread-pool workers that the test host keeps blocked, so code under test gets the pool an
/// application would: VSTest's message loop polls its socket on one pool thread and xunit's runner waits
/// synchronously on another for the whole run (stacks in docs/RELIABILITY.md). On two cores that leaves the
/// pool's default of two busy workers with none free, and queued work stalls until the starvation detector
/// adds a thread — about every half second.
/// </summary>
internal static class TestHostThreads
{
    private const int BlockedByTheHost = 2;

    /// <summary>Raises the pool's minimum worker count by the host's blocked workers until disposed.</summary>
    public static IDisposable Compensate()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + BlockedByTheHost), io);
        return new Restore(workers, io);
    }

    private sealed class Restore(int workers, int io) : IDisposable
    {
        public void Dispose() => ThreadPool.SetMinThreads(workers, io);
    }
}
