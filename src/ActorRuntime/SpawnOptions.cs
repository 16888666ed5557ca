
namespace ActorRuntime;

/// <summary>How to start one actor with <see cref="ActorSystem.Spawn"/>.</summary>
public sealed class SpawnOptions
{
    /// <summary>Most messages the mailbox holds; beyond it sends are rejected with <see cref="MailboxFullException"/>.</summary>
    /// <value>Defaults to <see langword="null"/>: unbounded, as in Erlang.</value>
    public int? MailboxCapacity { get; init; }

    /// <summary>Free-form tag saying who the actor belongs to (e.g. <c>tab</c>, <c>hub</c>, <c>virtual</c>), shown in <see cref="ActorInfo.Owner"/>.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Owner { get; init; }

    /// <summary>A readable name for logs and dashboards (not a registry key).</summary>
    /// <value>Defaults to the server's type name.</value>
    public string? Name { get; init; }

    /// <summary>What to do when a callback throws.</summary>
    /// <value>Defaults to <see cref="RestartPolicy.Never"/>: the actor exits and its callers fail.</value>
    public RestartPolicy Restart { get; init; } = RestartPolicy.Never;

    internal void Validate()
    {
        if (MailboxCapacity is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MailboxCapacity), MailboxCapacity, "SpawnOptions.MailboxCapacity must be at least 1, or null for unbounded.");
        }

        ArgumentNullException.ThrowIfNull(Restart, nameof(Restart));
    }
}
