using System.Collections.Concurrent;

namespace ActorRuntime.Mailboxes;

/// <summary>Outcome of <see cref="Mailbox.TryEnqueue"/>.</summary>
internal enum EnqueueResult : byte
{
    /// <summary>Stored; the mailbox was empty before, so the reader may need waking.</summary>
    EnqueuedFirst,
    /// <summary>Stored behind other messages.</summary>
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
/// Lock-free: a <see cref="ConcurrentQueue{T}"/> of 16-byte envelopes, created on the first message
/// (an actor that never got one carries no buffer), the same structure a single-reader
/// <c>Channel&lt;T&gt;</c> uses, so senders and the reader never meet on a lock and a steady flow
/// allocates nothing. Its segments grow with a flood and the largest is kept while the actor lives.
/// </para>
/// <para>
/// <see cref="Count"/> is exact at the moment of reading. A bounded mailbox reserves a place
/// with one compare-and-swap before storing, so it never holds more than its capacity.
/// </para>
/// </remarks>
internal sealed class Mailbox
{
    private readonly int _capacity;
    private ConcurrentQueue<Envelope>? _queue;
    private int _reserved; // bounded mailboxes only: places taken, released when a message is taken
    private int _closed;

    /// <param name="capacity">Maximum number of stored messages; <see langword="null"/> for unbounded.</param>
    public Mailbox(int? capacity) => _capacity = capacity ?? int.MaxValue;

    private bool IsBounded => _capacity != int.MaxValue;

    /// <summary>Exact number of stored messages at the moment of reading.</summary>
    public int Count => Volatile.Read(ref _queue)?.Count ?? 0;

    /// <summary>Whether nothing is stored. Cheaper than <see cref="Count"/>.</summary>
    public bool IsEmpty => Volatile.Read(ref _queue)?.IsEmpty ?? true;

    public EnqueueResult TryEnqueue(in Envelope envelope)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return EnqueueResult.Closed;
        }

        if (IsBounded && !TryReserve())
        {
            return EnqueueResult.Full;
        }

        var queue = Volatile.Read(ref _queue) ?? CreateQueue();
        queue.Enqueue(envelope); // an interlocked write: a full fence before the reads below and in Schedule

        // Closing sets the flag, then drains: either we see the flag here, or the drain sees our message.
        // A message stored after the drain is refused; the caller's DrainAll pass fails its call.
        return Volatile.Read(ref _closed) != 0 ? EnqueueResult.Closed : EnqueueResult.Enqueued;
    }

    /// <summary>Takes the oldest message. Called by the process loop only.</summary>
    public bool TryDequeue(out Envelope envelope)
    {
        var queue = Volatile.Read(ref _queue);
        if (queue is null || !queue.TryDequeue(out envelope))
        {
            envelope = default;
            return false;
        }

        if (IsBounded)
        {
            Interlocked.Decrement(ref _reserved);
        }

        return true;
    }

    /// <summary>
    /// Removes and returns every stored message; with <paramref name="close"/>, refuses all later ones.
    /// Safe from any thread, any number of times: each message is returned once.
    /// </summary>
    public Envelope[] DrainAll(bool close)
    {
        if (close)
        {
            Interlocked.Exchange(ref _closed, 1);
        }

        var queue = Volatile.Read(ref _queue);
        if (queue is null)
        {
            return [];
        }

        List<Envelope>? drained = null;
        while (queue.TryDequeue(out var envelope))
        {
            (drained ??= []).Add(envelope);
            if (IsBounded)
            {
                Interlocked.Decrement(ref _reserved);
            }
        }

        return drained is null ? [] : [.. drained];
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

    private ConcurrentQueue<Envelope> CreateQueue()
    {
        var created = new ConcurrentQueue<Envelope>();
        return Interlocked.CompareExchange(ref _queue, created, null) ?? created;
    }
}
