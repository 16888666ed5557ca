using static LoadSim.CommandLine;

namespace TabLoad;

/// <summary>What the tabs do while they are measured.</summary>
internal enum TabActivity
{
    /// <summary>Only the page's own heartbeats (every 4–7 s).</summary>
    Idle,
    /// <summary>Heartbeats, a Request every 10 s and a Burst a minute, as a user who watches and pokes.</summary>
    Active,
}

/// <summary>One TabLoad run, parsed from the command line and checked before a browser starts.</summary>
internal sealed record TabOptions
{
    /// <summary>Most tabs in one run: each is a real Chromium page on this machine.</summary>
    public const int MaxTabs = 200;

    /// <summary>Longest measuring window.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    public const string Usage = """
        TabLoad — N real Chromium tabs on "My actor" of a loopback server, measured from the server's side.

        dotnet tools/TabLoad/bin/Release/net10.0/TabLoad.dll --url http://127.0.0.1:5057 --server-pid PID --tabs 30 [options]
        (tools/TabLoad/run-release.sh builds and starts the server and passes --url and --server-pid.)

          --url URL            server; loopback only (127.0.0.1, ::1, localhost)              default http://127.0.0.1:5057
          --server-pid PID     the server process: its CPU (utime+stime) and RSS from /proc    required for CPU and memory
          --tabs N             visible tabs to open, 1..200                                   default 30
          --activity A         idle (heartbeats only) or active (+ Request every 10 s,         default active
                               Burst 5 once a minute)
          --duration T         measuring window, up to 10m                                    default 60s
          --settle T           let a just-started server finish starting before it is         default 90s
                               measured at rest (the tiered JIT: measured at rest after
                               20 s 2.0-2.3 % of a core, after 45 s 1.2 %, after 90 s 0.75 %)
          --rest T             measure the server before any tab opens (its own timers)       default 10s
          --warmup T           after the last tab opened, before the window                   default 15s
          --path P             page to open (e.g. /not-found for an almost empty circuit)     default /
          --warm P             first open one tab on page P, use it once (a Request, a Burst) and close it,
                               before the server settles: what P fills once (JIT'd code, type caches) is
                               then filled before anything is measured; give heap-dump runs on different
                               --path the same P (process-wide caches still vary a little between runs)
          --open-parallel K    tabs opened at once                                            default 4
          --flood              after the window, flood tab 1 (10,000 messages) and count the render batches
          --live-heap          the server's live heap (full GC, dotnet-gcdump) before the tabs, with the
                               first tab open (used once), and with every tab open: the memory a tab
                               keeps, with and without what the first tab costs once; needs --server-pid
          --heap-dump FILE     with every tab open, also write a heap dump of the server (dotnet-dump) for
                               tools/HeapWalk; needs --server-pid
          --json FILE          also write the report as JSON

        Times: 500ms, 10s, 2m. Exit code 0 on a completed run, 1 when a tab failed, 2 for bad arguments.
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:5057");
    public int? ServerPid { get; init; }
    public int Tabs { get; init; } = 30;
    public TabActivity Activity { get; init; } = TabActivity.Active;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan Rest { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(90);
    public string Path { get; init; } = "/";
    public string? WarmPath { get; init; }
    public int OpenParallel { get; init; } = 4;
    public bool Flood { get; init; }
    public bool LiveHeap { get; init; }
    public string? JsonPath { get; init; }
    public string? HeapDumpPath { get; init; }

    /// <summary>Parses and validates; throws <see cref="ArgumentException"/> with a message that says what to fix.</summary>
    public static TabOptions Parse(IReadOnlyList<string> args)
    {
        var options = new TabOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--url" => options with { Url = new Uri(Value(), UriKind.Absolute) },
                "--server-pid" => options with { ServerPid = ParseInt(name, Value()) },
                "--tabs" => options with { Tabs = ParseInt(name, Value()) },
                "--activity" => options with { Activity = ParseActivity(Value()) },
                "--duration" => options with { Duration = ParseTime(name, Value()) },
                "--warmup" => options with { Warmup = ParseTime(name, Value()) },
                "--rest" => options with { Rest = ParseTime(name, Value()) },
                "--settle" => options with { Settle = ParseTime(name, Value()) },
                "--path" => options with { Path = Value() },
                "--warm" => options with { WarmPath = Value() },
                "--open-parallel" => options with { OpenParallel = ParseInt(name, Value()) },
                "--flood" => options with { Flood = true },
                "--live-heap" => options with { LiveHeap = true },
                "--json" => options with { JsonPath = Value() },
                "--heap-dump" => options with { HeapDumpPath = Value() },
                _ => throw new ArgumentException($"Unknown option '{name}'. Run with --help for the list."),
            };
        }

        options.Validate();
        return options;
    }

    private void Validate()
    {
        if (Url.Scheme is not ("http" or "https") || !IsLoopback(Url))
        {
            throw new ArgumentException($"--url must be an http(s) URL on this machine's loopback (127.0.0.1, ::1 or localhost); '{Url}' is not. TabLoad never loads another host.");
        }

        Check(Tabs is >= 1 and <= MaxTabs, $"--tabs must be within 1..{MaxTabs} (was {Tabs}).");
        Check(Duration >= TimeSpan.FromSeconds(1) && Duration <= MaxDuration, $"--duration must be within 1s..{MaxDuration.TotalMinutes:0}m (was {Duration}).");
        Check(Warmup >= TimeSpan.Zero && Warmup <= TimeSpan.FromMinutes(2), $"--warmup must be within 0..2m (was {Warmup}).");
        Check(Rest >= TimeSpan.Zero && Rest <= TimeSpan.FromMinutes(2), $"--rest must be within 0..2m (was {Rest}).");
        Check(Settle >= TimeSpan.Zero && Settle <= TimeSpan.FromMinutes(2), $"--settle must be within 0..2m (was {Settle}).");
        Check(OpenParallel is >= 1 and <= 20, $"--open-parallel must be within 1..20 (was {OpenParallel}).");
        Check(Path.StartsWith('/'), $"--path must start with '/' (was '{Path}').");
        Check(WarmPath is null || WarmPath.StartsWith('/'), $"--warm must start with '/' (was '{WarmPath}').");
        Check(!LiveHeap || ServerPid is not null, "--live-heap needs --server-pid (the process whose heap to measure).");
        Check(HeapDumpPath is null || ServerPid is not null, "--heap-dump needs --server-pid (the process whose heap to dump).");
    }

    private static TabActivity ParseActivity(string value) => value switch
    {
        "idle" => TabActivity.Idle,
        "active" => TabActivity.Active,
        _ => throw new ArgumentException($"--activity must be idle or active (was '{value}')."),
    };
}
