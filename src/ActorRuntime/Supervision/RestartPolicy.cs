namespace ActorRuntime; // public surface: see README.md, "Layout"

/// <summary>
/// What happens when an actor's callback throws — a one-for-one supervisor for a single actor.
/// </summary>
/// <remarks>
/// A restart re-runs <c>InitAsync</c> under the same pid; the mailbox and every waiting caller
/// are failed first, as when an Erlang process dies. More than <see cref="MaxRestarts"/> crashes
/// within <see cref="Window"/> make the actor exit for good, like OTP's restart intensity.
/// </remarks>
public sealed record RestartPolicy
{
    /// <summary>Never restart: a crash ends the actor.</summary>
    public static RestartPolicy Never { get; } = new() { MaxRestarts = 0 };

    /// <summary>Restart after a crash, at most <paramref name="maxRestarts"/> times within <paramref name="window"/>.</summary>
    /// <param name="maxRestarts">Restarts allowed in the window. Defaults to 3.</param>
    /// <param name="window">The sliding window. Defaults to 5 seconds, as OTP's <c>max_seconds</c>.</param>
    public static RestartPolicy OnCrash(int maxRestarts = 3, TimeSpan? window = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRestarts, 1);
        var span = window ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero, nameof(window));
        return new RestartPolicy { MaxRestarts = maxRestarts, Window = span };
    }

    /// <summary>Restarts allowed within <see cref="Window"/>; 0 means never restart.</summary>
    public int MaxRestarts { get; private init; }

    /// <summary>The sliding window over which restarts are counted.</summary>
    public TimeSpan Window { get; private init; } = TimeSpan.FromSeconds(5);
}
