using System.Diagnostics;
using System.Runtime;
using Dashboard.Hubs;
using Dashboard.Overview;
using Dashboard.Services;
using E2E.Hub;
using E2E.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using TestSupport;

namespace E2E.Reliability;

/// <summary>
/// Spawn/stop cycles through the real hub path: a SignalR .NET client connects to <c>/hubs/heartbeat</c> on real
/// Kestrel (its own actor is spawned), makes one deferred call, and disconnects (the actor is stopped). After
/// thousands of cycles, the live actors, hub sessions, directory entries and overview rows are back to where they
/// started, and so is the managed memory, within <see cref="MemoryBound"/>.
/// </summary>
/// <remarks>
/// 1,000 cycles by default (CI); <c>LEAK_CYCLES=10000</c> for the published run. The memory bound, +10 MB after
/// warm-up, is the noise of a full compacting GC in a process that also hosts Kestrel, SignalR and the
/// Playwright driver (pools and caches that settle at their working size), while one leaked session costs
/// tens of kilobytes (the test measures it and prints it): 1,000 leaked cycles would overshoot it several times,
/// and at 10,000 cycles any leak of 1 KB or more per cycle fails it.
/// </remarks>
[Collection(LifecycleCollection.Name)]
public sealed class LifecycleLeakTests(LifecycleFixture fixture, ITestOutputHelper output)
{
    /// <summary>Growth of managed memory (after a full GC) allowed over the whole run.</summary>
    private const long MemoryBound = 10 * 1024 * 1024;

    /// <summary>Clients cycling at once.</summary>
    private const int Concurrency = 4;

    /// <summary>Connections held open at once to measure what one live session costs.</summary>
    private const int Held = 100;

    private const double Megabyte = 1024 * 1024;

    [Fact]
    public async Task ConnectCallDisconnect_ManyCycles_ActorsAndMemoryReturnToTheBaseline()
    {
        // Arrange
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("LEAK_CYCLES"), out var n) && n > 0 ? n : 1_000;
        var system = fixture.Actors();
        var registry = fixture.Server.Services.GetRequiredService<HubSessionRegistry>();
        var directory = fixture.Server.Services.GetRequiredService<ActorDirectory>();
        var overview = fixture.Server.Services.GetRequiredService<OverviewService>();
        var logs = fixture.Logs.Count;
        var actorsBefore = system.ActorCount;
        var sessionsBefore = registry.Count;
        var directoryBefore = directory.Sessions.Count;
        var rowsBefore = OverviewRows(overview);

        // Warm-up: JIT, Kestrel's and SignalR's pools, the overview index and timers reach their working size
        // (the cycles come last, so that the baseline is taken in the state the measured cycles leave behind).
        var perSession = await LiveSessionCostAsync();
        Assert.Equal(Math.Min(cycles, 200), await CycleAsync(Math.Min(cycles, 200)));
        await BackToBaselineAsync();
        var memoryBefore = FullGcMemory();
        var clock = Stopwatch.StartNew();

        // Act
        var replied = await CycleAsync(cycles);
        await BackToBaselineAsync();
        var elapsed = clock.Elapsed;
        var memoryAfter = FullGcMemory();
        output.WriteLine(
            $"{cycles:N0} connect/request/disconnect cycles ({Concurrency} clients at once) in {elapsed.TotalSeconds:0.0} s " +
            $"({cycles / elapsed.TotalSeconds:0} cycles/s); {replied:N0} requests replied; " +
            $"actors before {actorsBefore}, after {system.ActorCount}; hub sessions after {registry.Count}; " +
            $"managed memory after full GC: before {memoryBefore / Megabyte:0.0} MB, after {memoryAfter / Megabyte:0.0} MB " +
            $"({Signed((memoryAfter - memoryBefore) / Megabyte)} MB, {Signed((double)(memoryAfter - memoryBefore) / cycles, "0")} B/cycle); " +
            $"one live session costs {perSession / 1024.0:0.0} KB");

        // Some of the server's clean-up after a disconnect is asynchronous (transport disposal): wait for it.
        await Until.TrueAsync(
            () => (memoryAfter = FullGcMemory()) - memoryBefore <= MemoryBound,
            $"managed memory back within {MemoryBound / Megabyte:0} MB of {memoryBefore / Megabyte:0.0} MB");
        output.WriteLine($"settled: {memoryAfter / Megabyte:0.0} MB ({Signed((memoryAfter - memoryBefore) / Megabyte)} MB)");

        // Assert
        Assert.Equal(cycles, replied);
        Assert.Equal(actorsBefore, system.ActorCount);
        Assert.Equal(sessionsBefore, registry.Count);
        Assert.Equal(directoryBefore, directory.Sessions.Count);
        Assert.Equal(rowsBefore, OverviewRows(overview));
        var failures = CapturedLogs.Failures(fixture.Logs.Since(logs));
        Assert.True(failures.Count == 0, CapturedLogs.Describe(failures));

        async Task BackToBaselineAsync() => await Until.TrueAsync(
            () => system.ActorCount == actorsBefore && registry.Count == sessionsBefore &&
                directory.Sessions.Count == directoryBefore && OverviewRows(overview) == rowsBefore,
            $"live actors back to {actorsBefore} (now {system.ActorCount}), hub sessions to {sessionsBefore} (now {registry.Count})");
    }

    /// <summary>
    /// <paramref name="cycles"/> times, by <see cref="Concurrency"/> clients at once: connect (the server spawns the
    /// connection's actor before it reads the first invocation), one deferred request, disconnect.
    /// </summary>
    /// <returns>How many requests got their own answer.</returns>
    private async Task<int> CycleAsync(int cycles)
    {
        var started = 0;
        var replied = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref started) <= cycles)
            {
                await using var connection = HubClients.Create(fixture);
                await connection.StartAsync();
                var result = await connection.InvokeAsync<CallResultDto>("Request", 10_000);
                if (result.Ok)
                {
                    Interlocked.Increment(ref replied);
                }
            }
        }));
        return replied;
    }

    /// <summary>Managed memory a live hub connection and its actor hold on to, in bytes, from <see cref="Held"/> of them.</summary>
    private async Task<long> LiveSessionCostAsync()
    {
        var before = FullGcMemory();
        var connections = new List<HubConnection>();
        try
        {
            for (var i = 0; i < Held; i++)
            {
                var connection = await HubClients.ConnectAsync(fixture);
                connections.Add(connection);
                await connection.InvokeAsync<CallResultDto>("Request", 10_000);
            }

            return (FullGcMemory() - before) / Held;
        }
        finally
        {
            await Task.WhenAll(connections.Select(connection => connection.DisposeAsync().AsTask()));
        }
    }

    private static string Signed(double value, string format = "0.0") =>
        (value >= 0 ? "+" : "") + value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Actors in the overview's index (the next refresh drops stopped ones).</summary>
    private static int OverviewRows(OverviewService overview) => overview.Query(new OverviewQuery(PageSize: 1)).TotalRows;

    /// <summary>Managed memory after a full, blocking, compacting collection (large objects included) and finalizers.</summary>
    private static long FullGcMemory()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
