using ActorRuntime.Calls;

namespace ActorRuntime.Mailboxes;

/// <summary>What kind of message an <see cref="Envelope"/> carries, and so which callback handles it.</summary>
internal enum EnvelopeKind : byte
{
    Call,
    Cast,
    Info,
}

/// <summary>
/// One mailbox entry: a struct of one reference and a tag (16 bytes), so a tell allocates nothing
/// and a mailbox slot stays small. A call stores its <see cref="PendingCall"/>, which carries the request.
/// </summary>
internal readonly struct Envelope
{
    private readonly object _payload;

    public Envelope(EnvelopeKind kind, object message, PendingCall? call = null)
    {
        Kind = kind;
        _payload = call ?? message;
    }

    public EnvelopeKind Kind { get; }

    public object Message => Kind == EnvelopeKind.Call ? ((PendingCall)_payload).Request : _payload;

    /// <summary>The waiting caller, for <see cref="EnvelopeKind.Call"/> only.</summary>
    public PendingCall? Call => Kind == EnvelopeKind.Call ? (PendingCall)_payload : null;
}
