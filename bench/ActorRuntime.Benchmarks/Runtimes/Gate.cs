namespace ActorRuntime.Benchmarks.Runtimes;

/// <summary>
/// A message that blocks the actor handling it until opened (see <see cref="BenchRuntime.Block"/>),
/// so that a backlog can queue up behind it. Nothing to dispose, unlike an event.
/// </summary>
public sealed class Gate
{
    private readonly object _lock = new(); // Monitor.Wait needs an object, not a Lock
    private bool _open;

    /// <summary>Blocks the calling thread until <see cref="Open"/>.</summary>
    public void Wait()
    {
        lock (_lock)
        {
            while (!_open)
            {
                Monitor.Wait(_lock);
            }
        }
    }

    public void Open()
    {
        lock (_lock)
        {
            _open = true;
            Monitor.PulseAll(_lock);
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _open = false;
        }
    }
}
