using System.Globalization;

namespace LoadSim;

/// <summary>
/// Samples other processes' CPU time and resident memory from <c>/proc</c> (Linux) once a second, summed over them
/// (one server, or every node and the gateway of a cluster), so the report can say what the servers spent. Without
/// a pid, or off Linux, it reports nothing.
/// </summary>
internal sealed class ServerProbe(IReadOnlyList<int> pids)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private double? _startCpuSeconds;
    private double _lastCpuSeconds;
    private DateTime _startedAt;
    private DateTime _lastAt;
    private long _peakRssBytes;
    private long _startRssBytes;

    public bool Enabled => pids.Count > 0 && pids.All(pid => File.Exists(StatPath(pid)));

    /// <summary>Average CPU of the servers since <see cref="Start"/>, in % of one core.</summary>
    public double CpuPercent => _startCpuSeconds is { } start && _lastAt > _startedAt
        ? (_lastCpuSeconds - start) / (_lastAt - _startedAt).TotalSeconds * 100
        : 0;

    public long PeakRssBytes => _peakRssBytes;

    public long StartRssBytes => _startRssBytes;

    public long LastRssBytes { get; private set; }

    private static string StatPath(int pid) => $"/proc/{pid}/stat";

    public void Start()
    {
        if (!Enabled)
        {
            return;
        }

        _startCpuSeconds = pids.Sum(ReadCpuSeconds);
        _startedAt = _lastAt = DateTime.UtcNow;
        _startRssBytes = LastRssBytes = _peakRssBytes = pids.Sum(ReadRssBytes);
    }

    /// <summary>Takes one sample; call it about once a second.</summary>
    public void Sample()
    {
        if (!Enabled || _startCpuSeconds is null)
        {
            return;
        }

        _lastCpuSeconds = pids.Sum(ReadCpuSeconds);
        _lastAt = DateTime.UtcNow;
        LastRssBytes = pids.Sum(ReadRssBytes);
        _peakRssBytes = Math.Max(_peakRssBytes, LastRssBytes);
    }

    private static double ReadCpuSeconds(int pid)
    {
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
        var stat = File.ReadAllText(StatPath(pid));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static long ReadRssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
