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

    /// <summary>A cast or info carries its message; a call carries its <see cref="PendingCall"/>.</summary>
    public Envelope(EnvelopeKind kind, object payload)
    {
        Kind = kind;
        _payload = payload;
    }

    public EnvelopeKind Kind { get; }

    /// <summary>False for <c>default</c>: what a take from an empty mailbox returns (a message is never null).</summary>
    public bool HasMessage => _payload is not null;

    /// <summary>The message, or for a call its <see cref="PendingCall"/>: what a mailbox slot stores.</summary>
    public object Payload => _payload;

    public object Message => Kind == EnvelopeKind.Call ? ((PendingCall)_payload).Request : _payload;

    /// <summary>The waiting caller, for <see cref="EnvelopeKind.Call"/> only.</summary>
    public PendingCall? Call => Kind == EnvelopeKind.Call ? (PendingCall)_payload : null;
}
