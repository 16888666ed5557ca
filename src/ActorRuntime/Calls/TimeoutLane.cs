namespace ActorRuntime.Calls;

/// <summary>
/// The waiting calls of one timeout length, oldest deadline first: a ring of slots. Appending and
/// the timer's scan run under their <see cref="TimeoutShard"/>'s lock; an answered call leaves without it,
/// by clearing its own slot with one compare-and-swap.
/// </summary>
/// <remarks>
/// <para>
/// Calls with the same timeout expire in the order they started, so only the oldest live slot can be
/// due. Cleared slots ("holes") at either end are dropped when the lock is next held; holes in the
/// middle are squeezed out when the ring is full, before it grows, so the ring stays within twice
/// the calls that really wait. Compared with a linked list under the lock, an answer takes no lock
/// and writes no neighbour's links (each of which is a cache line another core may hold).
/// </para>
/// <para>
/// An answer that races a move of its call (an append stepping back over it, a squeeze) may clear
/// nothing: the call then stays until the lock holder finds it completed and drops it. It never gets
/// a second outcome — completing a call is decided by its own compare-and-swap.
/// </para>
/// </remarks>
internal sealed class TimeoutLane
{
    private const int InitialLength = 16;

    private PendingCall?[] _slots = new PendingCall?[InitialLength];
    private int _head; // position of the oldest slot in use; slots are at position & (length - 1)
    private int _tail; // position of the next free slot

    /// <summary>Slots in use, holes included. Under the lock.</summary>
    public int Used => _tail - _head;

    /// <summary>Slots in the ring, for tests.</summary>
    internal int Length => _slots.Length;

    /// <summary>Adds <paramref name="call"/>, due at <paramref name="due"/>. Under the lock.</summary>
    public void Append(PendingCall call, long due)
    {
        DropFinished();
        if (Used == _slots.Length)
        {
            Squeeze();
        }

        var slots = _slots;
        var mask = slots.Length - 1;
        call.TimeoutDue = due;
        call.TimeoutLane = this;

        // Concurrent callers can arrive a hair out of start order: step back over later ones (and over
        // the holes between them; the tail itself sits just past a live call, so this is rare and short).
        var position = _tail;
        while (position != _head)
        {
            var earlier = Volatile.Read(ref slots[(position - 1) & mask]);
            if (earlier is not null && earlier.TimeoutDue <= due)
            {
                break;
            }

            if (earlier is not null)
            {
                earlier.TimeoutPosition = position;
            }

            Volatile.Write(ref slots[position & mask], earlier);
            position--;
        }

        call.TimeoutPosition = position;
        Volatile.Write(ref slots[position & mask], call);
        _tail++;
    }

    /// <summary>Clears <paramref name="call"/>'s slot. Any thread, without the lock.</summary>
    public void Remove(PendingCall call)
    {
        var slots = Volatile.Read(ref _slots);
        Interlocked.CompareExchange(ref slots[call.TimeoutPosition & (slots.Length - 1)], null, call);
    }

    /// <summary>
    /// Takes every call due at <paramref name="now"/> into <paramref name="expired"/> and returns the
    /// deadline of the oldest call still waiting (<see cref="long.MaxValue"/> if none). Under the lock.
    /// </summary>
    public long TakeDue(long now, ref List<PendingCall>? expired)
    {
        while (true)
        {
            DropFinished();
            if (_head == _tail)
            {
                if (_slots.Length > InitialLength * 64)
                {
                    _slots = new PendingCall?[InitialLength]; // a past crowd's ring is not kept
                    _head = _tail = 0;
                }

                return long.MaxValue;
            }

            ref var slot = ref _slots[_head & (_slots.Length - 1)];
            var oldest = Volatile.Read(ref slot);
            if (oldest is null)
            {
                continue; // answered since DropFinished looked: an answer clears its slot without the lock
            }

            if (oldest.TimeoutDue > now)
            {
                return oldest.TimeoutDue;
            }

            Volatile.Write(ref slot, null);
            _head++;
            (expired ??= []).Add(oldest);
        }
    }

    /// <summary>Moves the ends past holes and past calls already completed.</summary>
    private void DropFinished()
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        while (_head != _tail && IsFinished(ref slots[_head & mask]))
        {
            _head++;
        }

        while (_tail != _head && IsFinished(ref slots[(_tail - 1) & mask]))
        {
            _tail--;
        }
    }

    private static bool IsFinished(ref PendingCall? slot)
    {
        var call = Volatile.Read(ref slot);
        if (call is null)
        {
            return true;
        }

        if (!call.IsCompleted)
        {
            return false;
        }

        Volatile.Write(ref slot, null); // answered while its slot moved: drop it here
        return true;
    }

    /// <summary>The ring is full: copy the live calls, in order, into a ring with room to spare.</summary>
    private void Squeeze()
    {
        var old = _slots;
        var mask = old.Length - 1;
        var live = 0;
        for (var position = _head; position != _tail; position++)
        {
            if (Volatile.Read(ref old[position & mask]) is { IsCompleted: false })
            {
                live++;
            }
        }

        var length = old.Length;
        while (length < live * 2)
        {
            length *= 2;
        }

        var slots = new PendingCall?[length];
        var next = 0;
        for (var position = _head; position != _tail; position++)
        {
            if (Volatile.Read(ref old[position & mask]) is { IsCompleted: false } call)
            {
                call.TimeoutPosition = next;
                slots[next++] = call;
            }
        }

        Volatile.Write(ref _slots, slots);
        _head = 0;
        _tail = next;
    }
}
