using System.Diagnostics;
using ActorRuntime;
using HdrHistogram;
using TestSupport;
using Xunit.Abstractions;

namespace Unit.Reliability;

/// <summary>
/// One actor flooded with 100,000 messages must not slow down 100 other actors: their p99 call latency
/// stays within 2× of the no-flood baseline measured in the same test.
/// </summary>
/// <remarks>
/// A latency comparison, so it runs alone (its own non-parallel collection). The bound is 2 × baseline,
/// at least <see cref="Floor"/> and never more than <see cref="StallLimit"/>, and the baseline itself must stay
/// under <see cref="StallLimit"/>: the stall this test exists to catch is a whole round of calls waiting
/// ≥ 0.5 s for the thread pool's starvation detector (docs/RELIABILITY.md), and a round is 100 of the 6,000
/// samples (1.7 %), so such a stall puts the p99 at ≥ 500 ms — twice <see cref="StallLimit"/> — wherever it
/// happens, even in a baseline that would otherwise excuse it. By default the floor is that limit too,
/// 250 ms: the worst p99 measured without a stall on a shared 2-core machine under a load average of ~57
/// was 139 ms (baselines up to 192 ms), so CI passes with a margin of 1.8× and a stall fails with one of 2×.
/// RELIABILITY_STRICT=1 applies the published bound, 2 × baseline with a 5 ms floor, for runs on a quiet
/// machine; the figures of such a run are in docs/RELIABILITY.md.
/// </remarks>
[Collection(nameof(FloodIsolationTests))]
public sealed class FloodIsolationTests(ITestOutputHelper output)
{
    private const int Messages = 100_000;
    private const int Servers = 100;
    private const int Rounds = 60;
    /// <summary>No p99 may reach this: half of the 0.5 s stall the test must catch.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromMilliseconds(250);

    /// <summary>The least the bound allows: scheduling noise, not isolation, decides p99s below it.</summary>
    private static readonly TimeSpan Floor =
        Environment.GetEnvironmentVariable("RELIABILITY_STRICT") == "1" ? TimeSpan.FromMilliseconds(5) : StallLimit;

    [Theory]
    [InlineData(null)]
    [InlineData(10_000)]
    public async Task Flood_OnOneActor_OthersKeepTheirP99(int? capacity)
    {
        using var _ = TestHostThreads.Compensate();
        await using var system = new ActorSystem();
        var servers = Enumerable.Range(0, Servers).Select(_ => system.Spawn(new EchoServer())).ToArray();
        var flooded = system.Spawn(new BusyServer(), new SpawnOptions { MailboxCapacity = capacity });
        await MeasureAsync(system, servers); // warm up

        var baseline = await MeasureAsync(system, servers);
        var rejected = 0;
        var flood = Task.Run(() =>
        {
            for (var i = 0; i < Messages; i++)
            {
                if (!system.TrySend(flooded, BusyServer.Work))
                {
                    rejected++;
                }
            }
        });
        await UntilFloodIsHandledAsync(system, flooded);
        var during = await MeasureAsync(system, servers);
        await flood;
        var depth = system.GetInfo(flooded)!.QueueDepth;

        output.WriteLine($"capacity {capacity?.ToString() ?? "unbounded"}: p99 baseline {baseline.TotalMilliseconds:0.000} ms, during flood {during.TotalMilliseconds:0.000} ms, ratio {during / baseline:0.00}; rejected {rejected:N0}; depth after flood {depth:N0}");
        Assert.True(baseline < StallLimit, $"p99 of the baseline, without a flood, {baseline.TotalMilliseconds:0.000} ms: a round stalled");
        var limit = Min(Max(baseline * 2, Floor), StallLimit);
        Assert.True(during <= limit, $"p99 during the flood {during.TotalMilliseconds:0.000} ms > {limit.TotalMilliseconds:0.000} ms (2 × baseline {baseline.TotalMilliseconds:0.000} ms, at least {Floor.TotalMilliseconds:0} ms, at most {StallLimit.TotalMilliseconds:0} ms)");
        if (capacity is { } bound)
        {
            Assert.True(rejected >= Messages - bound - 5_000, $"a bounded mailbox must reject most of the flood (rejected {rejected})");
            Assert.InRange(depth, 0, bound);
            Assert.Equal(rejected, system.GetInfo(flooded)!.Rejected);
        }
        else
        {
            Assert.Equal(0, rejected);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Waits until the flooded actor is really busy (it has a backlog), without sleeping.</summary>
    private static async Task UntilFloodIsHandledAsync(ActorSystem system, Pid flooded)
    {
        while (system.GetInfo(flooded)!.MessagesHandled == 0)
        {
            await Task.Yield();
        }
    }

    /// <summary>Rounds of one concurrent call to each server; returns the p99 round trip.</summary>
    private static async Task<TimeSpan> MeasureAsync(ActorSystem system, Pid[] servers)
    {
        var histogram = new LongHistogram(TimeSpan.FromSeconds(10).Ticks, 3);
        for (var round = 0; round < Rounds; round++)
        {
            await Task.WhenAll(servers.Select(async pid =>
            {
                var start = Stopwatch.GetTimestamp();
                await system.CallAsync(pid, "ping", TimeSpan.FromSeconds(10));
                histogram.RecordValue(Stopwatch.GetElapsedTime(start).Ticks);
            }));
        }

        return TimeSpan.FromTicks(histogram.GetValueAtPercentile(99));
    }

    private sealed class EchoServer : GenServer<int>
    {
        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override ValueTask<CallResult<int>> HandleCallAsync(object request, From from, int state) =>
            ValueTask.FromResult(Reply(request, state + 1));
    }

    /// <summary>Each message costs about 5 µs of CPU, so 100,000 of them keep one core busy for half a second.</summary>
    private sealed class BusyServer : GenServer<long>
    {
        public static readonly object Work = new();

        protected override ValueTask<long> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0L);

        protected override ValueTask<long> HandleInfoAsync(object message, long state)
        {
            var start = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromMicroseconds(5))
            {
                Thread.SpinWait(10);
            }

            return ValueTask.FromResult(state + 1);
        }
    }
}

/// <summary>Keeps the timing comparison away from other tests running in parallel.</summary>
[CollectionDefinition(nameof(FloodIsolationTests), DisableParallelization = true)]
public sealed class FloodIsolationCollection;
