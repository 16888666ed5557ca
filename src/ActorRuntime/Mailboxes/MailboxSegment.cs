using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ActorRuntime.Mailboxes;

/// <summary>
/// One ring of a <see cref="Mailbox"/>: a bounded multi-producer, single-consumer queue in the
/// style of <c>ConcurrentQueue</c>'s segments (Vyukov's bounded queue: each slot carries a
/// sequence number that says whose turn it is, so producers claim a slot with one compare-and-swap
/// and never meet the consumer on a lock).
/// </summary>
/// <remarks>
/// <para>
/// The head (written by the reader) and the tail (claimed by senders) live in the slot array, past
/// the message slots. In a ring of <see cref="PaddedFrom"/> slots or more they sit a cache line apart
/// from each other and from the messages, so a sender and the reader on two cores stop invalidating
/// each other's line on every message (tell 1 → 1 measured 1.6–2.8× faster); the small first ring
/// keeps them side by side, because every actor that has had a message carries one. Padded rings also
/// hand taken slots back to the senders four at a time (a cache line's worth), and all at once when the
/// reader catches up: a reader working right behind its sender then writes each line once instead of once
/// per message (tell 1 → 1, out of process: 31–33 against 35–36 ns). A ring so holds back at most three
/// taken slots, and none once the reader has found it empty.
/// </para>
/// <para>
/// A full segment makes the mailbox link a larger one; a frozen segment refuses new messages
/// (its tail jumps by <see cref="FreezeOffset"/>), so the consumer can drain it and drop it.
/// All position arithmetic is on differences, so it stays right when the counters wrap.
/// </para>
/// </remarks>
internal sealed class MailboxSegment
{
    /// <summary>Rings at least this long keep their head and tail on cache lines of their own.</summary>
    public const int PaddedFrom = 64;

    private const int SlotsPerCacheLine = 4; // 16-byte slots, 64-byte lines

    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly int _headAt; // index of the slot whose Sequence is the head: written by the reader only
    private readonly int _tailAt; // index of the slot whose Sequence is the tail: claimed by senders
    private readonly bool _releaseByLine; // padded rings hand taken slots back to senders four at a time
    private MailboxSegment? _next;

    /// <param name="length">Message slots; a power of two, so an index is a mask away from a position.</param>
    /// <param name="firstPosition">Where head and tail start; tests start near <see cref="int.MaxValue"/> to cross the wrap.</param>
    public MailboxSegment(int length, int firstPosition = 0)
    {
        var padding = length >= PaddedFrom ? SlotsPerCacheLine : 0;
        _headAt = length + padding;
        _tailAt = _headAt + 1 + padding;
        _releaseByLine = padding > 0;
        _slots = new Slot[_tailAt + 1 + padding];
        _mask = length - 1;
        for (var i = 0; i < length; i++)
        {
            var position = unchecked(firstPosition + i);
            _slots[position & _mask].Sequence = position;
        }

        HeadPosition = TailPosition = ReleasedPosition = firstPosition;
    }

    public int Length => _mask + 1;

    /// <summary>When the reader last found this ring busy enough to need its size (<see cref="long.MinValue"/>: never looked). Reader only.</summary>
    public long BusyAt { get; set; } = long.MinValue;

    /// <summary>The segment after this one; set only after this one is frozen.</summary>
    public MailboxSegment? Next => Volatile.Read(ref _next);

    private int FreezeOffset => Length * 2;

    private ref int HeadPosition => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), _headAt).Sequence;

    private ref int TailPosition => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), _tailAt).Sequence;

    /// <summary>Slots before this position are handed back to senders (padded rings: in the padding next to the head). Reader only.</summary>
    private ref int ReleasedPosition => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), _releaseByLine ? _headAt + 1 : _headAt).Sequence;

    /// <summary>Messages claimed and not yet taken; exact when nobody is enqueueing or dequeueing.</summary>
    public int Count
    {
        get
        {
            var head = Volatile.Read(ref HeadPosition);
            var used = Volatile.Read(ref TailPosition) - head;
            if (used > Length)
            {
                used -= FreezeOffset; // frozen: the tail carries the offset
            }

            return Math.Clamp(used, 0, Length);
        }
    }

    /// <summary>Stores the envelope. False when the segment is full or frozen.</summary>
    public bool TryEnqueue(in Envelope envelope) => TryEnqueue(envelope.Kind, envelope.Payload);

    /// <summary>Stores a message of <paramref name="kind"/>. False when the segment is full or frozen.</summary>
    /// <remarks>The kind and payload come by value, in registers: an envelope passed by reference was kept on the sender's stack (bench/DECISIONS.md, 'Send: a tell's own path').</remarks>
    public bool TryEnqueue(EnvelopeKind kind, object payload)
    {
        var slots = _slots;
        var mask = _mask;
        ref var tailPosition = ref TailPosition; // before the acquiring reads, after which the JIT would load the fields again
        while (true)
        {
            var tail = Volatile.Read(ref tailPosition);
            ref var slot = ref slots[tail & mask];
            var turn = Volatile.Read(ref slot.Sequence) - tail;
            if (turn == 0)
            {
                if (Interlocked.CompareExchange(ref tailPosition, tail + 1, tail) == tail)
                {
                    slot.Payload = payload;
                    slot.Kind = kind;
                    Volatile.Write(ref slot.Sequence, tail + 1); // publishes the slot to the consumer
                    return true;
                }
            }
            else if (turn < 0)
            {
                return false; // the slot still holds a message a lap behind: full (or frozen)
            }

            // turn > 0: another producer took this slot; read the tail again
        }
    }

    /// <summary>Takes the oldest message, as <see cref="Take"/> does. One consumer at a time.</summary>
    public bool TryDequeue(out Envelope envelope)
    {
        envelope = Take();
        return envelope.HasMessage;
    }

    /// <summary>Takes the oldest message; an envelope without one when the ring is empty. One consumer at a time.</summary>
    /// <remarks>
    /// The loop's hot path, so it is small enough to inline: every address it needs is computed before the
    /// acquiring read of the slot's sequence, after which the JIT would have to load the fields again.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Envelope Take()
    {
        var slots = _slots;
        ref var headPosition = ref HeadPosition;
        var head = headPosition;
        var releaseByLine = _releaseByLine;
        ref var slot = ref slots[head & _mask];
        if (Volatile.Read(ref slot.Sequence) - (head + 1) != 0)
        {
            return TakeSlow(head, ref slot);
        }

        var envelope = new Envelope(slot.Kind, slot.Payload!);
        Volatile.Write(ref headPosition, head + 1);
        if (!releaseByLine)
        {
            Release(head, ref slot);
        }
        else if (((head + 1) & (SlotsPerCacheLine - 1)) == 0)
        {
            ReleaseUpTo(head + 1);
        }

        return envelope;
    }

    /// <summary>
    /// The slot at the head is not ready: the ring is empty, or a producer has claimed the slot and not yet
    /// filled it — then it is a few instructions away and is waited for.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Envelope TakeSlow(int head, ref Slot slot)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var tail = Volatile.Read(ref TailPosition);
            var claimed = tail - head;
            if (claimed <= 0 || (claimed > Length && claimed - FreezeOffset <= 0))
            {
                if (_releaseByLine)
                {
                    ReleaseUpTo(head); // caught up: nothing taken stays held while the reader waits
                }

                return default;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
            if (Volatile.Read(ref slot.Sequence) - (head + 1) == 0)
            {
                return Take(); // filled now
            }
        }
    }

    /// <summary>
    /// Hands the slots taken since the last release back to the senders. A reader working right behind a
    /// sender would otherwise write each cache line the sender is filling four times, once per slot, and the
    /// two cores would pass the line back and forth per message.
    /// </summary>
    private void ReleaseUpTo(int end)
    {
        ref var released = ref ReleasedPosition;
        for (var position = released; position - end < 0; position++)
        {
            Release(position, ref _slots[position & _mask]);
        }

        released = end;
    }

    private void Release(int position, ref Slot slot)
    {
        slot.Payload = null; // let the message be collected
        Volatile.Write(ref slot.Sequence, position + Length); // hand the slot to the next lap's producer
    }

    /// <summary>
    /// Any thread, without taking anything: adds the calls stored in this ring to <paramref name="calls"/>, oldest first.
    /// A slot counts only if its sequence reads the same before and after its payload (a seqlock's check), so a
    /// message taken and its slot reused meanwhile is left out, never misread; the walk stops at the first slot
    /// that is empty or being filled.
    /// </summary>
    public void CollectCalls(List<Calls.PendingCall> calls)
    {
        var head = Volatile.Read(ref HeadPosition);
        for (var i = 0; i < Length; i++)
        {
            var position = unchecked(head + i);
            ref var slot = ref _slots[position & _mask];
            var sequence = Volatile.Read(ref slot.Sequence);
            if (sequence != unchecked(position + 1))
            {
                return;
            }

            var payload = Volatile.Read(ref slot.Payload); // acquiring: the check below reads after it
            if (Volatile.Read(ref slot.Sequence) != sequence)
            {
                return;
            }

            if (payload is Calls.PendingCall call)
            {
                calls.Add(call);
            }
        }
    }

    /// <summary>Refuses every later message and links <paramref name="next"/>. Under the mailbox's growth lock only.</summary>
    public void FreezeAndLink(MailboxSegment next)
    {
        Interlocked.Add(ref TailPosition, FreezeOffset);
        Volatile.Write(ref _next, next);
    }

    private struct Slot
    {
        public object? Payload;
        public int Sequence;
        public EnvelopeKind Kind;
    }
}
