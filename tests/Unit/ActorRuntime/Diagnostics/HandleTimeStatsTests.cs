using ActorRuntime.Diagnostics;

namespace Unit.ActorRuntime.Diagnostics;

public class HandleTimeStatsTests
{
    private static readonly long TenMicroseconds = TimeSpan.FromMicroseconds(10).Ticks;
    private static readonly long TenMilliseconds = TimeSpan.FromMilliseconds(10).Ticks;

    [Fact]
    public void Quantiles_LandInThePowerOfTwoBucketOfTheirSamples()
    {
        var stats = new HandleTimeStats();
        Record(stats, TenMicroseconds, 98);
        Record(stats, TenMilliseconds, 2);

        Assert.InRange(stats.Quantile(0.5), TimeSpan.FromMicroseconds(10), TimeSpan.FromMicroseconds(16));
        Assert.Equal(TimeSpan.FromMilliseconds(10), stats.Quantile(0.99)); // capped by the max
        Assert.Equal(TimeSpan.FromMilliseconds(10), stats.Max);
    }

    [Fact]
    public void ABucketThatFills_HalvesAll_KeepingProportionsAndAnExactMean()
    {
        var stats = new HandleTimeStats();
        for (var round = 0; round < 300; round++) // 303,000 samples: the 16-bit buckets fill several times over
        {
            Record(stats, TenMicroseconds, 1_000);
            Record(stats, TenMilliseconds, 10);
        }

        Assert.InRange(stats.Quantile(0.9), TimeSpan.FromMicroseconds(10), TimeSpan.FromMicroseconds(16));
        Assert.Equal(TimeSpan.FromMilliseconds(10), stats.Quantile(0.999));
        Assert.Equal(TimeSpan.FromTicks(((3_000 * TenMilliseconds) + (300_000 * TenMicroseconds)) / 303_000), stats.Mean);
    }

    [Fact]
    public void OldSlowCallbacks_FadeFromTheQuantiles_AfterManyFastOnes_ButNotFromTheMax()
    {
        var stats = new HandleTimeStats();
        Record(stats, TenMilliseconds, 3_000);
        Record(stats, TenMicroseconds, 300_000);

        Assert.InRange(stats.Quantile(0.999), TimeSpan.FromMicroseconds(10), TimeSpan.FromMicroseconds(16));
        Assert.Equal(TimeSpan.FromMilliseconds(10), stats.Max);
    }

    private static void Record(HandleTimeStats stats, long ticks, int times)
    {
        for (var i = 0; i < times; i++)
        {
            stats.Record(ticks);
        }
    }
}
