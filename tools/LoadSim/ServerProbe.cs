using System.Globalization;

namespace LoadSim;

/// <summary>
/// Samples another process's CPU time and resident memory from <c>/proc</c> (Linux) once a second, so the report
/// can say what the server spent. Without a pid, or off Linux, it reports nothing.
/// </summary>
internal sealed class ServerProbe(int? pid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private double? _startCpuSeconds;
    private double _lastCpuSeconds;
    private DateTime _startedAt;
    private DateTime _lastAt;
    private long _peakRssBytes;
    private long _startRssBytes;

    public bool Enabled => pid is not null && File.Exists(StatPath);

    /// <summary>Average CPU of the server since <see cref="Start"/>, in % of one core.</summary>
    public double CpuPercent => _startCpuSeconds is { } start && _lastAt > _startedAt
        ? (_lastCpuSeconds - start) / (_lastAt - _startedAt).TotalSeconds * 100
        : 0;

    public long PeakRssBytes => _peakRssBytes;

    public long StartRssBytes => _startRssBytes;

    public long LastRssBytes { get; private set; }

    private string StatPath => $"/proc/{pid}/stat";

    public void Start()
    {
        if (!Enabled)
        {
            return;
        }

        _startCpuSeconds = ReadCpuSeconds();
        _startedAt = _lastAt = DateTime.UtcNow;
        _startRssBytes = LastRssBytes = _peakRssBytes = ReadRssBytes();
    }

    /// <summary>Takes one sample; call it about once a second.</summary>
    public void Sample()
    {
        if (!Enabled || _startCpuSeconds is null)
        {
            return;
        }

        _lastCpuSeconds = ReadCpuSeconds();
        _lastAt = DateTime.UtcNow;
        LastRssBytes = ReadRssBytes();
        _peakRssBytes = Math.Max(_peakRssBytes, LastRssBytes);
    }

    private double ReadCpuSeconds()
    {
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
        var stat = File.ReadAllText(StatPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private long ReadRssBytes()
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
