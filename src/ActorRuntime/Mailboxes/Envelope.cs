using ActorRuntime.Calls;

namespace ActorRuntime.Mailboxes;

/// <summary>What kind of message an <see cref="Envelope"/> carries, and so which callback handles it.</summary>
internal enum EnvelopeKind : byte
{
    Call,
    Cast,
    Info,
}

/// <summary>One mailbox entry. A struct so that a tell allocates nothing once the ring has grown.</summary>
internal readonly struct Envelope
{
    public Envelope(EnvelopeKind kind, object message, PendingCall? call = null)
    {
        Kind = kind;
        Message = message;
        Call = call;
    }

    public EnvelopeKind Kind { get; }

    public object Message { get; }

    /// <summary>The waiting caller, for <see cref="EnvelopeKind.Call"/> only.</summary>
    public PendingCall? Call { get; }
}
