using System.Diagnostics;
using E2E.Infrastructure;
using LoadSim;
using Microsoft.Playwright;

namespace TabLoad;

/// <summary>
/// Opens the tabs, lets them settle, measures the server over one window while the tabs behave as asked, then
/// (with <c>--flood</c>) floods one tab's actor and counts the render batches it receives.
/// </summary>
internal sealed class TabRun(TabOptions options)
{
    private static readonly TimeSpan RequestEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BurstEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan FirstTabSettles = TimeSpan.FromSeconds(8);

    public async Task<TabReport> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(10) };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = options.Url.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
        });

        if (options.WarmPath is { } warmPath)
        {
            Console.WriteLine($"warming the server up: one tab on {warmPath}, used once and closed");
            var warm = await TabProbe.OpenAsync(context, warmPath, OpenTimeout);
            await warm.ClickAsync("btn-request");
            await warm.ClickAsync("btn-burst");
            await Task.Delay(FirstTabSettles, cancellationToken);
            await warm.Page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true }); // the circuit goes with it
        }

        // A server started just before keeps compiling its code again, optimised (tiered JIT: a method after its 30th call,
        // so a once-a-second timer's after 30 s, and more after that): at rest it measured 2.0-2.3 % of a core 20 s after
        // start, 1.2 % after 45 s, 0.75 % after 90 s — no tab's doing.
        if (options.Settle > TimeSpan.Zero && options.Rest > TimeSpan.Zero)
        {
            Console.WriteLine($"letting the server settle for {options.Settle.TotalSeconds:0} s");
            await Task.Delay(options.Settle, cancellationToken);
        }

        // The server at rest first (its timers, the overview's refresh, the GC): what no tab causes.
        var empty = new ServerProbe(ServerPids(options));
        // Read before the probe starts: answering /metrics is this tool's doing, not the server at rest.
        var emptyMetrics = await ServerMetrics.ReadAsync(http);
        empty.Start();
        var loadBefore = LoadAverage();
        if (options.Rest > TimeSpan.Zero)
        {
            Console.WriteLine($"measuring the server at rest for {options.Rest.TotalSeconds:0} s");
            await Task.Delay(options.Rest, cancellationToken);
            empty.Sample();
        }

        var emptyLive = options.LiveHeap && options.ServerPid is { } restPid ? await LiveHeap.MeasureAsync(restPid, cancellationToken) : null;
        var openClock = Stopwatch.StartNew();
        List<TabProbe> tabs = [];
        long? firstTabLive = null;
        if (emptyLive is not null && options.Tabs > 1)
        {
            // One tab first, used once (a Request, a Burst): what the first tab of a page costs once for the whole server
            // (JIT'd code, caches, pools) is then in this measurement, and the tabs after it show what each one keeps.
            tabs.AddRange(await OpenTabsAsync(context, 1, cancellationToken));
            if (options.Activity == TabActivity.Active)
            {
                await tabs[0].ClickAsync("btn-request");
                await tabs[0].ClickAsync("btn-burst");
            }

            await Task.Delay(FirstTabSettles, cancellationToken);
            Console.WriteLine("measuring the live heap with the first tab open (a full GC in the server)");
            firstTabLive = await LiveHeap.MeasureAsync(options.ServerPid!.Value, cancellationToken);
        }

        tabs.AddRange(await OpenTabsAsync(context, options.Tabs - tabs.Count, cancellationToken));
        var opened = openClock.Elapsed;
        var observing = 0;
        foreach (var tab in tabs)
        {
            observing += await tab.ObserveLagAsync() ? 1 : 0;
        }

        Console.WriteLine($"{tabs.Count} tabs open in {opened.TotalSeconds:0} s; warming up for {options.Warmup.TotalSeconds:0} s");
        using var driving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var drivers = options.Activity == TabActivity.Active
            ? tabs.Select((tab, i) => DriveAsync(tab, new Random(i), driving.Token)).ToList()
            : [];
        await Task.Delay(options.Warmup, cancellationToken);

        // The window: the server's CPU and the circuits' bytes from here on, the DOM lags of changes in it.
        foreach (var tab in tabs)
        {
            await tab.ResetLagAsync();
        }

        Console.WriteLine($"measuring for {options.Duration.TotalSeconds:0} s");
        var window = new ServerProbe(ServerPids(options));
        var startMetrics = await ServerMetrics.ReadAsync(http);
        window.Start();
        var startCounters = Sum(tabs);
        var startWire = WireBytesSent();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < options.Duration && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            window.Sample();
        }

        window.Sample();
        var seconds = clock.Elapsed.TotalSeconds;
        var endCounters = Sum(tabs);
        var endWire = WireBytesSent();
        var endMetrics = await ServerMetrics.ReadAsync(http);
        var lags = new List<double>();
        foreach (var tab in tabs)
        {
            lags.AddRange(await tab.LagsAsync());
        }

        await driving.CancelAsync();
        await Task.WhenAll(drivers);
        long? live = null;
        if (options.LiveHeap && options.ServerPid is { } pid)
        {
            Console.WriteLine("measuring the live heap with every tab open (a full GC in the server)");
            live = await LiveHeap.MeasureAsync(pid, cancellationToken);
        }

        if (options.HeapDumpPath is { } dumpPath && options.ServerPid is { } dumped)
        {
            Console.WriteLine($"writing a heap dump of the server with every tab open to {dumpPath}");
            await LiveHeap.DumpAsync(dumped, dumpPath, cancellationToken);
        }

        Console.WriteLine(options.Flood ? "window done; flooding tab 1" : "window done");

        var flood = options.Flood ? await FloodAsync(tabs[0], cancellationToken) : null;
        return new TabReport
        {
            Tabs = tabs.Count,
            Activity = options.Activity,
            Path = options.Path,
            OpenSeconds = opened.TotalSeconds,
            WindowSeconds = seconds,
            LoadBefore = loadBefore,
            LoadAfter = LoadAverage(),
            ServerCpuPercent = window.Enabled ? window.CpuPercent : null,
            RestCpuPercent = empty.Enabled && options.Rest > TimeSpan.Zero ? empty.CpuPercent : null,
            EmptyRssBytes = empty.Enabled ? empty.StartRssBytes : null,
            RssBytes = window.Enabled ? window.LastRssBytes : null,
            EmptyGcHeapBytes = emptyMetrics.GcHeapBytes,
            EmptyLiveHeapBytes = live is null ? null : emptyLive,
            FirstTabLiveHeapBytes = live is null ? null : firstTabLive,
            LiveHeapBytes = emptyLive is null ? null : live,
            GcHeapBytes = endMetrics.GcHeapBytes,
            AllocatedBytesPerSecond = endMetrics.AllocatedBytes - startMetrics.AllocatedBytes is { } allocated ? allocated / seconds : null,
            WireBytesSent = endWire - startWire,
            BytesReceived = endCounters.Received - startCounters.Received,
            BytesSent = endCounters.Sent - startCounters.Sent,
            FramesReceived = endCounters.FramesReceived - startCounters.FramesReceived,
            RenderBatches = endCounters.RenderBatches - startCounters.RenderBatches,
            LagTabs = observing,
            LagsMs = lags,
            Flood = flood,
        };
    }

    private async Task<List<TabProbe>> OpenTabsAsync(IBrowserContext context, int count, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(options.OpenParallel);
        var opening = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await TabProbe.OpenAsync(context, options.Path, OpenTimeout);
            }
            finally
            {
                gate.Release();
            }
        });
        return [.. await Task.WhenAll(opening)];
    }

    private static IReadOnlyList<int> ServerPids(TabOptions options) => options.ServerPid is { } pid ? [pid] : [];

    /// <summary>A user who watches: a Request every 10 s and a Burst once a minute, each tab at its own phase.</summary>
    private static async Task DriveAsync(TabProbe tab, Random random, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var nextRequest = RequestEvery * random.NextDouble();
        var nextBurst = BurstEvery * random.NextDouble();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var next = nextRequest < nextBurst ? nextRequest : nextBurst;
                if (next > clock.Elapsed)
                {
                    await Task.Delay(next - clock.Elapsed, cancellationToken);
                }

                if (nextRequest <= nextBurst)
                {
                    await tab.ClickAsync("btn-request");
                    nextRequest += RequestEvery;
                }
                else
                {
                    await tab.ClickAsync("btn-burst");
                    nextBurst += BurstEvery;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Floods one tab's actor and counts the render batches the server sends it while the mailbox drains.</summary>
    private static async Task<FloodReport> FloodAsync(TabProbe tab, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await tab.ClickAsync("btn-flood");
        var peakDepth = 0;
        var drained = false;
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(60) && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(50, cancellationToken);
            var depth = int.TryParse((await tab.TextAsync("queue-depth"))?.Replace(",", "", StringComparison.Ordinal), out var d) ? d : 0;
            peakDepth = Math.Max(peakDepth, depth);
            var sent = (await tab.TextAsync("last-result"))?.StartsWith("flood:", StringComparison.Ordinal) == true;
            if (sent && depth == 0)
            {
                drained = true;
                break;
            }
        }

        var end = Stopwatch.GetTimestamp();
        var seconds = Stopwatch.GetElapsedTime(start, end).TotalSeconds;
        return new FloodReport(drained, peakDepth, seconds, tab.BatchesBetween(start, end), tab.PeakBatchesPerSecondBetween(start, end));
    }

    private static (long Received, long Sent, long FramesReceived, long RenderBatches) Sum(IEnumerable<TabProbe> tabs)
    {
        long received = 0, sent = 0, frames = 0, batches = 0;
        foreach (var tab in tabs)
        {
            var counters = tab.Counters;
            received += counters.BytesReceived;
            sent += counters.BytesSent;
            frames += counters.FramesReceived;
            batches += counters.RenderBatches;
        }

        return (received, sent, frames, batches);
    }

    /// <summary>
    /// Bytes the server has sent so far on its established TCP connections (the kernel's <c>bytes_sent</c> of each,
    /// from <c>ss -ti</c>): what goes on the wire, after any WebSocket compression. Null where <c>ss</c> is missing.
    /// </summary>
    private long? WireBytesSent()
    {
        try
        {
            using var ss = Process.Start(new ProcessStartInfo("ss", ["-tinH", "state", "established", $"( sport = :{options.Url.Port} )"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (ss is null)
            {
                return null;
            }

            var output = ss.StandardOutput.ReadToEnd();
            ss.WaitForExit();
            long total = 0;
            foreach (var field in output.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (field.StartsWith("bytes_sent:", StringComparison.Ordinal) && long.TryParse(field["bytes_sent:".Length..], out var sent))
                {
                    total += sent;
                }
            }

            return ss.ExitCode == 0 ? total : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no ss on this machine
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
