using System.Runtime.CompilerServices;

namespace ActorRuntime.Mailboxes;

/// <summary>Outcome of <see cref="Mailbox.TryEnqueue(EnvelopeKind, object)"/>.</summary>
internal enum EnqueueResult : byte
{
    /// <summary>Stored.</summary>
    Enqueued,
    /// <summary>A bounded mailbox is at capacity; nothing was stored.</summary>
    Full,
    /// <summary>The process has exited; nothing was stored.</summary>
    Closed,
}

/// <summary>
/// A multi-producer, single-consumer FIFO that stores and counts — it never runs user code.
/// </summary>
/// <remarks>
/// <para>
/// Lock-free on the message path: a chain of <see cref="MailboxSegment"/> rings of 16-byte slots.
/// Senders claim a slot with one compare-and-swap and the reader takes it without one, so they
/// never meet on a lock and a steady flow allocates nothing. The first ring is created on the first
/// message and holds <see cref="InitialSegmentLength"/> slots (an idle actor that was used once
/// carries ~180 bytes of mailbox, not a kilobyte); a flood links rings twice as large each time.
/// When the reader goes idle and its ring has been oversized for a second, the ring is frozen and
/// swapped for a small one (<see cref="TrimIfOversized"/>), so a past flood does not stay in memory
/// and a recurring one does not reallocate its ring every time.
/// </para>
/// <para>
/// <see cref="Count"/> is exact when nobody is sending or taking at the moment of reading. A
/// bounded mailbox reserves a place with one compare-and-swap before storing, so it never holds
/// more than its capacity.
/// </para>
/// <para>
/// One reader at a time: the process loop, or — after <see cref="DrainAll"/> closed the mailbox —
/// whoever drains it. Linking rings and draining lock the mailbox itself (it is never exposed, and a
/// lock object of its own would add 32 bytes to every actor); no message takes that lock.
/// </para>
/// </remarks>
internal sealed class Mailbox
{
    /// <summary>Slots in the first ring, and in the ring a trim leaves behind.</summary>
    public const int InitialSegmentLength = 4;

    /// <summary>The largest ring; a longer backlog links more rings of this length.</summary>
    public const int MaxSegmentLength = 1 << 20;

    /// <summary>How long a grown ring must have been larger than needed before it is swapped for a small one.</summary>
    public static readonly TimeSpan TrimAfterQuiet = TimeSpan.FromSeconds(1);

    private readonly int _capacity;
    private MailboxSegment? _head; // the reader's ring
    private MailboxSegment? _tail; // the senders' ring
    private int _reserved; // bounded mailboxes only: places taken, released when a message is taken
    private int _closed;

    /// <param name="capacity">Maximum number of stored messages; <see langword="null"/> for unbounded.</param>
    public Mailbox(int? capacity) => _capacity = capacity ?? int.MaxValue;

    private bool IsBounded => _capacity != int.MaxValue;

    /// <summary>Exact number of stored messages when nobody is sending or taking.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            for (var segment = Volatile.Read(ref _head); segment is not null; segment = segment.Next)
            {
                count += segment.Count;
            }

            return count;
        }
    }

    /// <summary>Whether nothing is stored (or being stored).</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Slots of the reader's ring, for tests and diagnostics.</summary>
    internal int HeadSegmentLength => Volatile.Read(ref _head)?.Length ?? 0;

    public EnqueueResult TryEnqueue(in Envelope envelope) => TryEnqueue(envelope.Kind, envelope.Payload);

    /// <summary>Stores a message of <paramref name="kind"/> (for a call, its <see cref="Calls.PendingCall"/>).</summary>
    public EnqueueResult TryEnqueue(EnvelopeKind kind, object payload)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return EnqueueResult.Closed;
        }

        if (IsBounded && !TryReserve())
        {
            return EnqueueResult.Full;
        }

        var segment = Volatile.Read(ref _tail) ?? CreateFirstSegment();
        while (!segment.TryEnqueue(kind, payload)) // an interlocked write: a full fence before the reads below and in Schedule
        {
            if (Grow(segment) is not { } next)
            {
                return EnqueueResult.Closed; // closed meanwhile, and its rings dropped
            }

            segment = next;
        }

        // Closing sets the flag, then drains: either we see the flag here, or the drain sees our message.
        // A message stored after the drain is refused; the caller's DrainAll pass fails its call.
        return Volatile.Read(ref _closed) != 0 ? EnqueueResult.Closed : EnqueueResult.Enqueued;
    }

    /// <summary>Takes the oldest message, as <see cref="Take"/> does. The reader's only.</summary>
    public bool TryDequeue(out Envelope envelope)
    {
        envelope = Take();
        return envelope.HasMessage;
    }

    /// <summary>Takes the oldest message; an envelope without one when the mailbox is empty. The reader's only.</summary>
    /// <remarks>Inlined into the process loop, with the ring's fast path (<see cref="MailboxSegment.Take"/>); moving to the next ring is out of line.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Envelope Take()
    {
        var envelope = _head is { } segment ? segment.Take() : default;
        if (!envelope.HasMessage)
        {
            envelope = TakeFromNextRing();
        }

        if (IsBounded && envelope.HasMessage)
        {
            Interlocked.Decrement(ref _reserved);
        }

        return envelope;
    }

    /// <summary>The reader's ring read empty: if it is frozen and has a successor, move on to that one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Envelope TakeFromNextRing()
    {
        var segment = _head;
        while (segment is not null)
        {
            // A ring with a successor is frozen, so once it reads empty it stays empty: move on.
            var next = segment.Next;
            if (next is null)
            {
                return default;
            }

            var envelope = segment.Take();
            if (envelope.HasMessage)
            {
                return envelope; // stored just before the freeze
            }

            Volatile.Write(ref _head, next);
            segment = next;
            envelope = segment.Take();
            if (envelope.HasMessage)
            {
                return envelope;
            }
        }

        return default;
    }

    /// <summary>Any thread: the calls waiting in the mailbox, oldest first, as <see cref="MailboxSegment.CollectCalls"/> reads them.</summary>
    public List<Calls.PendingCall> SnapshotCalls()
    {
        var calls = new List<Calls.PendingCall>();
        for (var segment = Volatile.Read(ref _head); segment is not null; segment = segment.Next)
        {
            segment.CollectCalls(calls);
        }

        return calls;
    }

    /// <summary>
    /// Removes and returns every stored message; with <paramref name="close"/>, refuses all later ones and
    /// drops the rings, so a pid that outlives its process does not keep a flood's ring in memory.
    /// Safe from any thread, any number of times: each message is returned once.
    /// </summary>
    public Envelope[] DrainAll(bool close)
    {
        if (close)
        {
            Interlocked.Exchange(ref _closed, 1);
        }

        List<Envelope>? drained = null;
        lock (this)
        {
            while (TryDequeue(out var envelope))
            {
                (drained ??= []).Add(envelope);
            }

            if (close)
            {
                // A sender that got past the closed check before this still sees it after storing, and
                // reports Closed: its message (in a ring it held, or one it creates) is its own to fail.
                Volatile.Write(ref _head, null);
                Volatile.Write(ref _tail, null);
            }
        }

        return drained is null ? [] : [.. drained];
    }

    /// <summary>
    /// Called by the reader as it goes idle: if its ring has been much larger than the stretches of
    /// work it handled for <see cref="TrimAfterQuiet"/>, freezes it and continues in a small one, so
    /// the large ring can be collected. A flood that keeps coming back keeps its ring.
    /// </summary>
    /// <param name="handledSinceIdle">Messages handled since the reader was last idle.</param>
    /// <param name="time">The clock; read only when the ring is larger than the first one.</param>
    public void TrimIfOversized(int handledSinceIdle, TimeProvider time)
    {
        var segment = _head;
        if (segment is null || segment.Length <= InitialSegmentLength)
        {
            return;
        }

        var now = time.GetTimestamp();
        if ((long)handledSinceIdle * 4 >= segment.Length || segment.BusyAt == long.MinValue)
        {
            segment.BusyAt = now;
            return;
        }

        if (time.GetElapsedTime(segment.BusyAt, now) < TrimAfterQuiet)
        {
            return;
        }

        lock (this)
        {
            if (Volatile.Read(ref _tail) != segment)
            {
                return; // already growing again
            }

            var small = new MailboxSegment(InitialSegmentLength);
            segment.FreezeAndLink(small);
            Volatile.Write(ref _tail, small);
            if (segment.Count == 0)
            {
                Volatile.Write(ref _head, small); // nothing slipped in before the freeze: drop the large ring now
            }
        }
    }

    /// <summary>The senders' ring is full: link a ring twice its size (once, whoever gets here first). Null once closed and dropped.</summary>
    private MailboxSegment? Grow(MailboxSegment full)
    {
        lock (this)
        {
            var tail = _tail;
            if (tail == full)
            {
                tail = new MailboxSegment(Math.Min(full.Length * 2, MaxSegmentLength));
                full.FreezeAndLink(tail);
                Volatile.Write(ref _tail, tail);
            }

            return tail;
        }
    }

    private MailboxSegment CreateFirstSegment()
    {
        lock (this)
        {
            if (_tail is null)
            {
                var first = new MailboxSegment(InitialSegmentLength);
                Volatile.Write(ref _head, first);
                Volatile.Write(ref _tail, first);
            }

            return _tail;
        }
    }

    private bool TryReserve()
    {
        var reserved = Volatile.Read(ref _reserved);
        while (reserved < _capacity)
        {
            var seen = Interlocked.CompareExchange(ref _reserved, reserved + 1, reserved);
            if (seen == reserved)
            {
                return true;
            }

            reserved = seen;
        }

        return false;
    }
}
