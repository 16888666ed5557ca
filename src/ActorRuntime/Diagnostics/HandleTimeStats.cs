using System.Runtime.CompilerServices;

namespace ActorRuntime.Diagnostics;

/// <summary>
/// Callback durations in power-of-two microsecond buckets: enough for a p99 within a factor of two,
/// at the cost of one small object per actor that has handled a message (24 inline 16-bit buckets,
/// the last one holding everything from 8 s up). When a bucket fills, every bucket is halved: the
/// proportions stay and recent callbacks weigh more, which is what a live p99 should show. Mean and
/// max are exact. Written by the actor's own loop only.
/// </summary>
internal sealed class HandleTimeStats
{
    private const int Buckets = 24;
    private BucketCounts _counts;
    private long _total;
    private long _totalTicks;
    private long _maxTicks;

    public void Record(long ticks)
    {
        var micros = (ulong)(ticks / 10) + 1; // ticks are 100 ns
        var bucket = (int)Math.Min(63 - ulong.LeadingZeroCount(micros), Buckets - 1);
        if (_counts[bucket] == ushort.MaxValue)
        {
            Halve();
        }

        Volatile.Write(ref _counts[bucket], (ushort)(_counts[bucket] + 1));

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
        long counted = 0;
        for (var i = 0; i < Buckets; i++)
        {
            counted += Volatile.Read(ref _counts[i]);
        }

        if (counted == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(counted * quantile);
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

    private void Halve()
    {
        for (var i = 0; i < Buckets; i++)
        {
            Volatile.Write(ref _counts[i], (ushort)(_counts[i] / 2));
        }
    }

    [InlineArray(Buckets)]
    private struct BucketCounts
    {
        private ushort _first;
    }
}
