namespace Dashboard.Heartbeats;

/// <summary>How the simulated external service behaves; set live from the page or the hub.</summary>
public sealed record ExternalWorkSettings
{
    /// <summary>Largest latency accepted.</summary>
    public static readonly TimeSpan MaxLatency = TimeSpan.FromSeconds(60);

    /// <summary>Largest handler delay accepted.</summary>
    public static readonly TimeSpan MaxHandlerDelay = TimeSpan.FromSeconds(30);

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

    /// <summary>
    /// Time the actor's <c>HandleCallAsync</c> itself spends before it starts the job and returns NoReply — a
    /// deliberately slow handler, so that a caller can time out while its call is in the handler.
    /// </summary>
    /// <value>Defaults to 0 (the handler returns at once, as a deferred-reply handler should).</value>
    /// <remarks>A teaching control: it keeps the actor busy, so every message behind the call waits too.</remarks>
    public TimeSpan HandlerDelay { get; init; }

    /// <summary>Returns the problems with these settings, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Latency < TimeSpan.Zero || Latency > MaxLatency)
        {
            errors.Add($"Latency must be between 0 and {MaxLatency.TotalSeconds:0} s (was {Latency.TotalMilliseconds:0} ms).");
        }

        if (HandlerDelay < TimeSpan.Zero || HandlerDelay > MaxHandlerDelay)
        {
            errors.Add($"Handler delay must be between 0 and {MaxHandlerDelay.TotalSeconds:0} s (was {HandlerDelay.TotalMilliseconds:0} ms).");
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
