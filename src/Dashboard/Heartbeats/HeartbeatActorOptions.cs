using System.ComponentModel.DataAnnotations;

namespace Dashboard.Heartbeats;

/// <summary>Settings of every heartbeat actor, bound from the <c>Heartbeat</c> configuration section.</summary>
public sealed class HeartbeatActorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Heartbeat";

    /// <summary>Shortest pause between two browser heartbeats.</summary>
    /// <value>Defaults to 4 s.</value>
    public TimeSpan IntervalMin { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Longest pause between two browser heartbeats (a random value in between is used each time).</summary>
    /// <value>Defaults to 7 s.</value>
    public TimeSpan IntervalMax { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>Timeout of each heartbeat call.</summary>
    /// <value>Defaults to 5 s.</value>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Initial timeout of manual calls (changeable on the page).</summary>
    /// <value>Defaults to 5 s.</value>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bound of each heartbeat actor's mailbox; 0 for unbounded.</summary>
    /// <value>Defaults to 5,000, so a 10,000-message flood shows rejections.</value>
    [Range(0, int.MaxValue)]
    public int MailboxCapacity { get; set; } = 5_000;

    /// <summary>Messages sent by one <c>Flood</c>.</summary>
    /// <value>Defaults to 10,000.</value>
    [Range(1, 1_000_000)]
    public int FloodSize { get; set; } = 10_000;

    /// <summary>Simulated work per flood message, so the mailbox visibly grows.</summary>
    /// <value>Defaults to 50 µs.</value>
    public TimeSpan FloodMessageCost { get; set; } = TimeSpan.FromMicroseconds(50);

    /// <summary>Restarts allowed within <see cref="RestartWindow"/> before the actor stays down.</summary>
    /// <value>Defaults to 5.</value>
    [Range(0, 1_000)]
    public int MaxRestarts { get; set; } = 5;

    /// <summary>Window for <see cref="MaxRestarts"/>.</summary>
    /// <value>Defaults to 30 s.</value>
    public TimeSpan RestartWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the actor forgets callers whose external work never answered.</summary>
    /// <value>Defaults to 10 s.</value>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after a caller's deadline its never-answered job is forgotten (a later answer then is not even a late reply).</summary>
    /// <value>Defaults to 60 s.</value>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Initial external latency of a new session (changeable live).</summary>
    /// <value>Defaults to 300 ms.</value>
    public TimeSpan ExternalLatency { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Initial share of external jobs that fail, 0..1.</summary>
    /// <value>Defaults to 0.</value>
    [Range(0.0, 1.0)]
    public double ExternalFailureRate { get; set; }

    /// <summary>Initial share of external jobs that never answer, 0..1.</summary>
    /// <value>Defaults to 0.</value>
    [Range(0.0, 1.0)]
    public double ExternalNeverAnswersRate { get; set; }

    /// <summary>The external work settings a new session starts with.</summary>
    public ExternalWorkSettings InitialExternalWork() => new()
    {
        Latency = ExternalLatency,
        FailureRate = ExternalFailureRate,
        NeverAnswersRate = ExternalNeverAnswersRate,
    };

    /// <summary>Checks the relations data annotations cannot express.</summary>
    public IEnumerable<string> Validate()
    {
        if (IntervalMin <= TimeSpan.Zero || IntervalMax < IntervalMin)
        {
            yield return "Heartbeat:IntervalMin must be positive and not above Heartbeat:IntervalMax.";
        }

        if (HeartbeatTimeout <= TimeSpan.Zero || CallTimeout <= TimeSpan.Zero)
        {
            yield return "Heartbeat:HeartbeatTimeout and Heartbeat:CallTimeout must be positive.";
        }

        foreach (var error in InitialExternalWork().Validate())
        {
            yield return $"Heartbeat:External…: {error}";
        }

        if (SweepInterval <= TimeSpan.Zero || AbandonAfter < TimeSpan.Zero)
        {
            yield return "Heartbeat:SweepInterval must be positive and Heartbeat:AbandonAfter not negative.";
        }
    }
}
