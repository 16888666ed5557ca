namespace ActorRuntime.Calls;

/// <summary>
/// The calls an actor answered with NoReply that still wait: an intrusive doubly-linked list through
/// the <see cref="PendingCall"/>s, so adding and removing one is a few pointer writes, with no
/// hashing and no allocation. Not thread-safe: the owning process guards it with its lock.
/// </summary>
internal struct DeferredCalls
{
    private PendingCall? _head;

    public int Count { get; private set; }

    public void Add(PendingCall call)
    {
        call.DeferredNext = _head;
        call.DeferredPrevious = null;
        if (_head is not null)
        {
            _head.DeferredPrevious = call;
        }

        _head = call;
        call.IsDeferredListed = true;
        Count++;
    }

    /// <summary>Unlinks <paramref name="call"/>; harmless if it is not in the list.</summary>
    public void Remove(PendingCall call)
    {
        if (!call.IsDeferredListed)
        {
            return;
        }

        if (call.DeferredPrevious is { } previous)
        {
            previous.DeferredNext = call.DeferredNext;
        }
        else
        {
            _head = call.DeferredNext;
        }

        if (call.DeferredNext is { } next)
        {
            next.DeferredPrevious = call.DeferredPrevious;
        }

        call.DeferredPrevious = call.DeferredNext = null;
        call.IsDeferredListed = false;
        Count--;
    }

    /// <summary>The waiting calls, oldest first.</summary>
    public readonly PendingCall[] ToArray()
    {
        var calls = new PendingCall[Count];
        var index = Count;
        for (var call = _head; call is not null; call = call.DeferredNext)
        {
            calls[--index] = call; // the head is the newest
        }

        return calls;
    }

    /// <summary>Empties the list and returns what it held, oldest first.</summary>
    public PendingCall[] TakeAll()
    {
        var calls = ToArray();
        foreach (var call in calls)
        {
            call.DeferredPrevious = call.DeferredNext = null;
            call.IsDeferredListed = false;
        }

        _head = null;
        Count = 0;
        return calls;
    }
}
