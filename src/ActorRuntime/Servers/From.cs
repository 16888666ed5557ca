using ActorRuntime.Calls;

namespace ActorRuntime;

/// <summary>
/// Who is waiting for a reply: the token <see cref="GenServer{TState}.HandleCallAsync"/> receives and
/// <see cref="ActorSystem.Reply"/> answers — Elixir's <c>from</c>.
/// </summary>
/// <remarks>
/// Opaque and unique per call: keep one per waiting caller (for instance in a dictionary keyed by
/// <see cref="RequestId"/>). Replying twice, or after the caller gave up, is harmless: the reply is
/// dropped and counted as a late reply.
/// </remarks>
public readonly struct From : IEquatable<From>
{
    internal From(PendingCall call) => Call = call;

    internal PendingCall? Call { get; }

    /// <summary>The call's number among the calls to its actor (1, 2, 3… per actor); 0 for <c>default(From)</c>.</summary>
    /// <remarks>Unique per actor, which is what an actor keying its waiting callers needs; across actors,
    /// key by <see cref="Actor"/> and <see cref="RequestId"/> together.</remarks>
    public long RequestId => Call?.RequestId ?? 0;

    /// <summary>The actor that was called.</summary>
    public Pid Actor => Call?.Target.Pid ?? default;

    /// <summary>When the caller stops waiting; <see cref="DateTimeOffset.MaxValue"/> for an infinite timeout.</summary>
    public DateTimeOffset Deadline => Call?.Deadline ?? DateTimeOffset.MinValue;

    /// <summary>
    /// Fires when the caller gives up (timeout, cancellation, or the actor exiting), so deferred
    /// external work can be cancelled. It does not fire when the call is answered.
    /// </summary>
    /// <remarks>
    /// Callbacks registered on it run on the thread that ends the call (often a timer's) and must not throw:
    /// an exception from one is ignored, and the caller gets its outcome regardless.
    /// </remarks>
    public CancellationToken CancellationToken => Call?.GiveUpToken ?? new CancellationToken(true);

    /// <summary><see langword="true"/> while the caller still waits for a reply.</summary>
    public bool IsWaiting => Call is { IsCompleted: false };

    /// <inheritdoc/>
    public bool Equals(From other) => ReferenceEquals(Call, other.Call);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is From other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => RequestId.GetHashCode();

    /// <summary>Readable form, e.g. <c>#Ref&lt;&lt;0.7.0&gt;.1234&gt;</c>.</summary>
    public override string ToString() => $"#Ref<{Actor}.{RequestId}>";

    /// <summary>Compares two tokens.</summary>
    public static bool operator ==(From left, From right) => left.Equals(right);

    /// <summary>Compares two tokens.</summary>
    public static bool operator !=(From left, From right) => !left.Equals(right);
}
