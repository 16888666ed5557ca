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
/// A growable ring guarded by a short lock: uncontended it costs about as much as a
/// <c>Channel&lt;T&gt;</c> hand-off, allocates nothing per message in steady state, and gives an
/// exact <see cref="Count"/>. The ring is allocated on the first message and released when a
/// large one drains, so an idle actor carries no buffer.
/// </remarks>
internal sealed class Mailbox
{
    private const int InitialCapacity = 16;
    private const int ShrinkThreshold = 1024;

    private readonly int _capacity;
    private Envelope[]? _ring;
    private int _head;
    private int _count;
    private bool _closed;

    /// <param name="capacity">Maximum number of stored messages; <see langword="null"/> for unbounded.</param>
    public Mailbox(int? capacity) => _capacity = capacity ?? int.MaxValue;

    /// <summary>Exact number of stored messages at the moment of reading.</summary>
    public int Count => Volatile.Read(ref _count);

    public EnqueueResult TryEnqueue(in Envelope envelope)
    {
        lock (this)
        {
            if (_closed)
            {
                return EnqueueResult.Closed;
            }

            if (_count >= _capacity)
            {
                return EnqueueResult.Full;
            }

            var ring = _ring;
            if (ring is null || _count == ring.Length)
            {
                ring = Grow();
            }

            ring[(_head + _count) & (ring.Length - 1)] = envelope;
            Volatile.Write(ref _count, _count + 1);
            return _count == 1 ? EnqueueResult.EnqueuedFirst : EnqueueResult.Enqueued;
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        lock (this)
        {
            if (_count == 0)
            {
                envelope = default;
                return false;
            }

            var ring = _ring!;
            envelope = ring[_head];
            ring[_head] = default; // let the message be collected
            _head = (_head + 1) & (ring.Length - 1);
            Volatile.Write(ref _count, _count - 1);
            if (_count == 0)
            {
                _head = 0;
                if (ring.Length > ShrinkThreshold)
                {
                    _ring = null; // a flood drained: give the memory back
                }
            }

            return true;
        }
    }

    /// <summary>Removes and returns every stored message; with <paramref name="close"/>, refuses all later ones.</summary>
    public Envelope[] DrainAll(bool close)
    {
        lock (this)
        {
            _closed |= close;
            if (_count == 0)
            {
                return [];
            }

            var ring = _ring!;
            var drained = new Envelope[_count];
            for (var i = 0; i < drained.Length; i++)
            {
                drained[i] = ring[(_head + i) & (ring.Length - 1)];
            }

            _ring = null;
            _head = 0;
            Volatile.Write(ref _count, 0);
            return drained;
        }
    }

    private Envelope[] Grow()
    {
        var old = _ring;
        var bigger = new Envelope[old is null ? InitialCapacity : old.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = old![(_head + i) & (old.Length - 1)];
        }

        _head = 0;
        _ring = bigger;
        return bigger;
    }
}
