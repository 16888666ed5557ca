namespace Dashboard.Heartbeats;

/// <summary>Cast that makes the actor throw, to show a crash and its restart.</summary>
public sealed record CrashCommand
{
    /// <summary>The one instance.</summary>
    public static CrashCommand Instance { get; } = new();
}

/// <summary>An info message that only costs time: many of them show a mailbox growing.</summary>
public sealed record FloodMessage
{
    /// <summary>The one instance: a flood allocates nothing per message.</summary>
    public static FloodMessage Instance { get; } = new();
}

/// <summary>Periodic info message that forgets callers whose external work never answered.</summary>
internal sealed record SweepAbandoned
{
    public static SweepAbandoned Instance { get; } = new();
}

/// <summary>Thrown by <see cref="CrashCommand"/>: a crash on purpose.</summary>
public sealed class SimulatedCrashException() : Exception("Crash requested from the dashboard.");
