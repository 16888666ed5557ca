namespace ActorRuntime.Diagnostics;

/// <summary>
/// Callback durations in power-of-two microsecond buckets: enough for a p99 within a factor of two,
/// at the cost of one small array per actor that has handled a message (24 <see cref="int"/> buckets,
/// the last one holding everything from 8 s up; counts saturate instead of wrapping). Written by the
/// actor's own loop only.
/// </summary>
internal sealed class HandleTimeStats
{
    private const int Buckets = 24;
    private readonly int[] _counts = new int[Buckets];
    private long _total;
    private long _totalTicks;
    private long _maxTicks;

    public void Record(long ticks)
    {
        var micros = (ulong)(ticks / 10) + 1; // ticks are 100 ns
        var bucket = Math.Min(63 - ulong.LeadingZeroCount(micros), Buckets - 1);
        if (_counts[bucket] != int.MaxValue)
        {
            _counts[bucket]++;
        }

        _totalTicks += ticks;
        if (ticks > _maxTicks)
        {
            _maxTicks = ticks;
        }

        Volatile.Write(ref _total, _total + 1);
    }

    public TimeSpan Mean
    {
        get
        {
            var total = Volatile.Read(ref _total);
            return total == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(_totalTicks / total);
        }
    }

    public TimeSpan Max => TimeSpan.FromTicks(Volatile.Read(ref _maxTicks));

    /// <summary>Upper bound of the bucket holding the given quantile (0..1).</summary>
    public TimeSpan Quantile(double quantile)
    {
        var total = Volatile.Read(ref _total);
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(total * quantile);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                if (i == Buckets - 1)
                {
                    return Max; // the open-ended last bucket
                }

                var upperMicros = (1L << (i + 1)) - 1;
                return TimeSpan.FromTicks(Math.Min(upperMicros * 10, Volatile.Read(ref _maxTicks)));
            }
        }

        return Max;
    }
}
