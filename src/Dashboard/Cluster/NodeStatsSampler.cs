namespace Dashboard.Cluster;

/// <summary>
/// This process's CPU use and memory for the per-node panel: CPU in percent of all cores since the previous sample,
/// memory as the working set. Sampled at most once a second however many readers ask.
/// </summary>
public sealed class NodeStatsSampler(TimeProvider time)
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private long _sampledAt = time.GetTimestamp();
    private TimeSpan _cpuAt = Environment.CpuUsage.TotalTime;
    private double _cpuPercent;

    /// <summary>CPU percent (0 – 100, all cores) and working-set bytes, re-sampled when the last sample is a second old.</summary>
    public (double CpuPercent, long MemoryBytes) Current
    {
        get
        {
            lock (_lock)
            {
                var now = time.GetTimestamp();
                var elapsed = time.GetElapsedTime(_sampledAt, now);
                if (elapsed >= MinInterval)
                {
                    var cpu = Environment.CpuUsage.TotalTime;
                    _cpuPercent = Math.Clamp((cpu - _cpuAt) / (elapsed * Environment.ProcessorCount) * 100, 0, 100);
                    (_sampledAt, _cpuAt) = (now, cpu);
                }

                return (_cpuPercent, Environment.WorkingSet);
            }
        }
    }
}
