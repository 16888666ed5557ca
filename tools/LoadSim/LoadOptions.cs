using System.Globalization;
using System.Net;

namespace LoadSim;

/// <summary>What one load run does; parsed from the command line and checked before anything connects.</summary>
internal sealed record LoadOptions
{
    /// <summary>Most simulated users in one run.</summary>
    public const int MaxUsers = 10_000;

    /// <summary>Longest run.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    public const string Usage = """
        LoadSim — SignalR load against /hubs/heartbeat on a loopback server; each user behaves like a browser tab.

        dotnet run -c Release --project tools/LoadSim -- --url http://127.0.0.1:5000 --users 1000 --duration 60s [options]

          --url URL               server to load; loopback only (127.0.0.1, ::1, localhost)   default http://127.0.0.1:5000
          --users N               connections to open, 1..10000                                default 100
          --duration T            whole run including the ramp, up to 10m                      default 60s
          --ramp T                spread the connects over T (0 = all at once)                 default 10s
          --heartbeat T | T1-T2   heartbeat every T, or a random pause in T1..T2 each time     default 4s-7s
          --request-rate R        extra Request calls per second, over all users               default 0
          --timeout T             timeout of each Request (1ms..60s)                           default 5s
          --telemetry             every user streams its telemetry (the server's 4 Hz)         default off (one observer streams)
          --latency T             set each actor's simulated external latency                  default: the server's
          --failure-rate P        share of external jobs that fail, 0..1                       default: the server's
          --never-answers-rate P  share of external jobs that never answer, 0..1               default: the server's
          --server-pid PID[,PID]  sample these processes' CPU and memory from /proc (Linux), summed:
                                  e.g. every node and the gateway of a cluster
          --json FILE             also write the report as JSON
          --plain                 a progress line every 5 s instead of the live display

        Times: 500ms, 10s, 2m. Exit code 0 when every call had an outcome and every connection held;
        1 when a call was lost or a connection failed; 2 for bad arguments.
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:5000");
    public int Users { get; init; } = 100;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan Ramp { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan HeartbeatMin { get; init; } = TimeSpan.FromSeconds(4);
    public TimeSpan HeartbeatMax { get; init; } = TimeSpan.FromSeconds(7);
    public double RequestRate { get; init; }
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public bool Telemetry { get; init; }
    public TimeSpan? Latency { get; init; }
    public double? FailureRate { get; init; }
    public double? NeverAnswersRate { get; init; }
    public IReadOnlyList<int> ServerPids { get; init; } = [];
    public string? JsonPath { get; init; }
    public bool Plain { get; init; }

    /// <summary>Whether any <c>Configure</c> call is needed per user.</summary>
    public bool Configures => Latency is not null || FailureRate is not null || NeverAnswersRate is not null;

    /// <summary>Parses and validates; throws <see cref="ArgumentException"/> with a message that says what to fix.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--url" => options with { Url = new Uri(Value(), UriKind.Absolute) },
                "--users" => options with { Users = ParseInt(name, Value()) },
                "--duration" => options with { Duration = ParseTime(name, Value()) },
                "--ramp" => options with { Ramp = ParseTime(name, Value()) },
                "--heartbeat" => WithHeartbeat(options, Value()),
                "--request-rate" => options with { RequestRate = ParseDouble(name, Value()) },
                "--timeout" => options with { RequestTimeout = ParseTime(name, Value()) },
                "--telemetry" => options with { Telemetry = true },
                "--latency" => options with { Latency = ParseTime(name, Value()) },
                "--failure-rate" => options with { FailureRate = ParseDouble(name, Value()) },
                "--never-answers-rate" => options with { NeverAnswersRate = ParseDouble(name, Value()) },
                "--server-pid" => options with { ServerPids = [.. Value().Split(',').Select(pid => ParseInt(name, pid.Trim()))] },
                "--json" => options with { JsonPath = Value() },
                "--plain" => options with { Plain = true },
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
            throw new ArgumentException($"--url must be an http(s) URL on this machine's loopback (127.0.0.1, ::1 or localhost); '{Url}' is not. LoadSim never loads another host.");
        }

        Check(Users is >= 1 and <= MaxUsers, $"--users must be within 1..{MaxUsers} (was {Users}).");
        Check(Duration > TimeSpan.Zero && Duration <= MaxDuration, $"--duration must be within (0, {MaxDuration.TotalMinutes:0}m] (was {Duration}).");
        Check(Ramp >= TimeSpan.Zero && Ramp < Duration, $"--ramp must be shorter than --duration (was {Ramp} of {Duration}).");
        Check(HeartbeatMin > TimeSpan.Zero && HeartbeatMax >= HeartbeatMin, "--heartbeat must be positive, and T1 <= T2.");
        Check(RequestRate is >= 0 and <= 100_000 && !double.IsNaN(RequestRate), $"--request-rate must be within 0..100000 per second (was {RequestRate}).");
        Check(RequestTimeout >= TimeSpan.FromMilliseconds(1) && RequestTimeout <= TimeSpan.FromMilliseconds(Dashboard.Hubs.HeartbeatHubProtocol.MaxTimeoutMs), $"--timeout must be within 1ms..60s (was {RequestTimeout}).");
        Check(Latency is null || (Latency >= TimeSpan.Zero && Latency <= TimeSpan.FromMilliseconds(Dashboard.Hubs.HeartbeatHubProtocol.MaxLatencyMs)), "--latency must be within 0..60s.");
        Check(FailureRate is null or (>= 0 and <= 1), "--failure-rate must be within 0..1.");
        Check(NeverAnswersRate is null or (>= 0 and <= 1), "--never-answers-rate must be within 0..1.");
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static LoadOptions WithHeartbeat(LoadOptions options, string value)
    {
        var parts = value.Split('-', 2);
        var min = ParseTime("--heartbeat", parts[0]);
        var max = parts.Length == 2 ? ParseTime("--heartbeat", parts[1]) : min;
        return options with { HeartbeatMin = min, HeartbeatMax = max };
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : throw new ArgumentException($"{name}: '{value}' is not a whole number.");

    private static double ParseDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) ? result : throw new ArgumentException($"{name}: '{value}' is not a number.");

    /// <summary>500ms, 10s, 2m, or a plain number of seconds.</summary>
    internal static TimeSpan ParseTime(string name, string value)
    {
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 0.001)
            : value.EndsWith('s') ? (value[..^1], 1.0)
            : value.EndsWith('m') ? (value[..^1], 60.0)
            : (value, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0
            ? TimeSpan.FromSeconds(amount * unit)
            : throw new ArgumentException($"{name}: '{value}' is not a time like 500ms, 10s or 2m.");
    }
}
