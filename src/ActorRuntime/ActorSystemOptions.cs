namespace ActorRuntime;

/// <summary>Limits of an <see cref="ActorSystem"/>.</summary>
public sealed class ActorSystemOptions
{
    /// <summary>The default for <see cref="MaxActors"/>: OTP 27's default process limit (<c>+P</c>).</summary>
    public const int DefaultMaxActors = 1_048_576;

    /// <summary>The node's name: the <c>actor.system</c> tag of its metrics, so several systems in one process stay apart.</summary>
    /// <value>Defaults to <c>"node"</c>.</value>
    public string Name { get; init; } = "node";

    /// <summary>How many actors may be alive at once; <see cref="ActorSystem.Spawn"/> throws
    /// <see cref="ActorLimitExceededException"/> beyond it.</summary>
    /// <value>Defaults to 1,048,576.</value>
    public int MaxActors { get; init; } = DefaultMaxActors;

    /// <summary>How many messages an actor handles before yielding its thread to other work that waits for the pool.</summary>
    /// <value>Defaults to 64. Higher favours throughput, lower favours fairness.</value>
    /// <remarks>
    /// A turn of fast callbacks that has lasted less than 5 µs when its budget is spent goes on with another
    /// budget (16 budgets at most), since going to the back of the pool's queue would cost more than it saves.
    /// </remarks>
    public int Throughput { get; init; } = 64;

    internal void Validate()
    {
        if (MaxActors < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxActors), MaxActors, "ActorSystemOptions.MaxActors must be at least 1.");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("ActorSystemOptions.Name must not be empty.", nameof(Name));
        }

        if (Throughput < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "ActorSystemOptions.Throughput must be at least 1.");
        }
    }
}
