namespace Dashboard.Overview;

/// <summary>One point of the totals charts.</summary>
/// <param name="LiveActors">Actors alive.</param>
/// <param name="CallsPerSecond">Calls started per second since the previous point.</param>
/// <param name="QueueDepth">Messages waiting in all mailboxes.</param>
/// <param name="TimeoutsPerSecond">Calls timed out per second since the previous point.</param>
public sealed record TotalsSample(int LiveActors, double CallsPerSecond, long QueueDepth, double TimeoutsPerSecond);

/// <summary>The last <see cref="Capacity"/> totals samples, oldest first; written by one refresher, read by any page.</summary>
public sealed class TotalsHistory(int capacity)
{
    private readonly Lock _lock = new();
    private readonly TotalsSample[] _samples = new TotalsSample[capacity];
    private int _next;
    private int _count;
    private long _version;

    /// <summary>How many samples are kept.</summary>
    public int Capacity => _samples.Length;

    /// <summary>Increases with every sample; a chart re-renders only when it moved.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Appends a sample, forgetting the oldest once full.</summary>
    public void Add(TotalsSample sample)
    {
        lock (_lock)
        {
            _samples[_next] = sample;
            _next = (_next + 1) % _samples.Length;
            _count = Math.Min(_count + 1, _samples.Length);
        }

        Interlocked.Increment(ref _version);
    }

    /// <summary>The samples kept, oldest first.</summary>
    public TotalsSample[] Snapshot()
    {
        lock (_lock)
        {
            var result = new TotalsSample[_count];
            var start = (_next - _count + _samples.Length) % _samples.Length;
            for (var i = 0; i < _count; i++)
            {
                result[i] = _samples[(start + i) % _samples.Length];
            }

            return result;
        }
    }
}
