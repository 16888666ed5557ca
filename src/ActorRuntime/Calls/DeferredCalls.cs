namespace ActorRuntime.Calls;

/// <summary>
/// The calls an actor answered with NoReply that still wait: an intrusive list through the
/// <see cref="PendingCall"/>s, oldest first, so adding and removing one is a few pointer writes,
/// with no hashing and no allocation. Not thread-safe: the owning process guards it with its lock.
/// </summary>
internal struct DeferredCalls
{
    private static readonly CallList.LinksOf Links = static call => ref call.DeferredLinks;

    private PendingCall? _head;
    private PendingCall? _tail;

    public int Count { get; private set; }

    public void Add(PendingCall call)
    {
        CallList.InsertAfter(_tail, call, ref _head, ref _tail, Links);
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

        CallList.Unlink(call, ref _head, ref _tail, Links);
        call.IsDeferredListed = false;
        Count--;
    }

    /// <summary>The waiting calls, oldest first.</summary>
    public readonly PendingCall[] ToArray()
    {
        var calls = new PendingCall[Count];
        var index = 0;
        for (var call = _head; call is not null; call = call.DeferredLinks.Next)
        {
            calls[index++] = call;
        }

        return calls;
    }

    /// <summary>Empties the list and returns what it held, oldest first.</summary>
    public PendingCall[] TakeAll()
    {
        var calls = ToArray();
        foreach (var call in calls)
        {
            call.DeferredLinks = default;
            call.IsDeferredListed = false;
        }

        _head = _tail = null;
        Count = 0;
        return calls;
    }
}
