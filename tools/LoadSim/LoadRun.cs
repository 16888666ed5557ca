using System.Diagnostics;
using Spectre.Console;

namespace LoadSim;

/// <summary>The numbers of a finished run.</summary>
internal sealed record LoadResult(
    LoadStats Stats,
    TimeSpan Elapsed,
    TimeSpan Measured,
    ServerProbe Server,
    TimeSpan ClientCpu,
    bool Cancelled)
{
    /// <summary>Every call had an outcome and every connection opened and held.</summary>
    public bool Passed => Stats.Lost == 0 && Stats.ConnectFailures == 0 && Stats.UnexpectedCloses == 0;
}

/// <summary>Ramps up the users, lets them run, stops them, waits for their calls and collects the numbers.</summary>
internal sealed class LoadRun(LoadOptions options)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(500);
    private readonly LoadStats _stats = new();

    public async Task<LoadResult> RunAsync(CancellationToken cancel)
    {
        var probe = new ServerProbe(options.ServerPids);
        probe.Start();
        var clientCpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        stop.CancelAfter(options.Duration);
        var users = Enumerable.Range(0, options.Users).Select(i => new SimUser(i, options, _stats)).ToList();
        _stats.SteadyFrom = Stopwatch.GetTimestamp() + (long)(options.Ramp.TotalSeconds * Stopwatch.Frequency);

        var running = Task.WhenAll(users.Select((user, i) => RunUserAsync(user, i, stop.Token)));
        await ShowProgressAsync(running, probe, clock);
        var measured = clock.Elapsed;

        // Stop sending; give every call sent its outcome (or its timeout) before closing the connections.
        var grace = (Max(options.RequestTimeout, TimeSpan.FromSeconds(5)) * 2) + TimeSpan.FromSeconds(5);
        await Task.WhenAll(users.Select(user => user.SettleAsync(grace)));
        probe.Sample();
        await Task.WhenAll(users.Select(user => user.StopAsync()));
        return new LoadResult(_stats, clock.Elapsed, measured, probe, Process.GetCurrentProcess().TotalProcessorTime - clientCpuAtStart, cancel.IsCancellationRequested);
    }

    private async Task RunUserAsync(SimUser user, int index, CancellationToken stop)
    {
        try
        {
            await Task.Delay(options.Ramp * index / options.Users, stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (await user.ConnectAsync(stop))
        {
            // With --telemetry every user streams; without, user 0 still does, to observe the server's actor count.
            await user.RunAsync(options.Telemetry || index == 0, stop);
        }
    }

    private async Task ShowProgressAsync(Task running, ServerProbe probe, Stopwatch clock)
    {
        if (options.Plain || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var next = TimeSpan.Zero;
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(ProgressEvery));
                probe.Sample();
                if (clock.Elapsed >= next)
                {
                    Console.WriteLine(Report.ProgressLine(_stats, clock.Elapsed, options.Duration));
                    next += TimeSpan.FromSeconds(5);
                }
            }

            return;
        }

        await AnsiConsole.Live(Report.ProgressTable(_stats, clock.Elapsed, options, probe)).StartAsync(async live =>
        {
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(ProgressEvery));
                probe.Sample();
                live.UpdateTarget(Report.ProgressTable(_stats, clock.Elapsed, options, probe));
            }
        });
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
