namespace Dashboard.Heartbeats;

/// <summary>How the simulated external service behaves; set live from the page or the hub.</summary>
public sealed record ExternalWorkSettings
{
    /// <summary>Largest latency accepted.</summary>
    public static readonly TimeSpan MaxLatency = TimeSpan.FromSeconds(60);

    /// <summary>Typical time the work takes.</summary>
    /// <value>Defaults to 300 ms.</value>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Relative spread around <see cref="Latency"/>, 0..1.</summary>
    /// <value>Defaults to 0.2 (±20 %).</value>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Share of jobs that report a failure, 0..1.</summary>
    /// <value>Defaults to 0.</value>
    public double FailureRate { get; init; }

    /// <summary>Share of jobs that never report back at all, 0..1.</summary>
    /// <value>Defaults to 0.</value>
    public double NeverAnswersRate { get; init; }

    /// <summary>Returns the problems with these settings, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Latency < TimeSpan.Zero || Latency > MaxLatency)
        {
            errors.Add($"Latency must be between 0 and {MaxLatency.TotalSeconds:0} s (was {Latency.TotalMilliseconds:0} ms).");
        }

        CheckRate(Jitter, "Jitter");
        CheckRate(FailureRate, "Failure rate");
        CheckRate(NeverAnswersRate, "Never-answers rate");
        return errors;

        void CheckRate(double value, string name)
        {
            if (double.IsNaN(value) || value is < 0 or > 1)
            {
                errors.Add($"{name} must be between 0 and 1 (was {value}).");
            }
        }
    }
}
