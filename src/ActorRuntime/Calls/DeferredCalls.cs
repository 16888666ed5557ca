namespace ActorRuntime.Calls;

/// <summary>
/// An actor's deferred calls — handled with NoReply and still waiting — oldest first. Only the actor's
/// loop changes the list; an answer from any thread completes its call and lowers <see cref="Count"/>,
/// so neither side takes a lock.
/// </summary>
/// <remarks>
/// <para>
/// A completed call stays listed until the loop prunes it: from the front whenever it defers another
/// call or goes idle, and everywhere once completed calls outnumber the waiting ones, so the list
/// stays within about twice the calls that really wait.
/// </para>
/// <para>
/// Snapshots walk the list without a lock while the loop changes it: an unlinked call keeps its link
/// onward, so a walk never breaks; it skips completed calls and may miss one being added.
/// </para>
/// </remarks>
internal sealed class DeferredCalls
{
    private const int Slack = 16;

    private PendingCall? _head;
    private PendingCall? _tail; // loop only
    private int _waiting; // exact: moved to Deferred and not completed since
    private int _listed; // loop only

    /// <summary>Calls that were deferred and still wait; exact.</summary>
    public int Count => Volatile.Read(ref _waiting);

    /// <summary>
    /// Loop only: defers <paramref name="call"/> if it is still being handled. Counted before the
    /// phase moves, so an answer racing in from another thread always finds it counted.
    /// </summary>
    /// <returns>False when the call was answered (or given up) while <c>HandleCallAsync</c> ran.</returns>
    public bool TryDefer(PendingCall call)
    {
        Interlocked.Increment(ref _waiting);
        if (!call.TryDefer())
        {
            Interlocked.Decrement(ref _waiting);
            return false;
        }

        Prune();
        if (_tail is null)
        {
            Volatile.Write(ref _head, call);
        }
        else
        {
            Volatile.Write(ref _tail.DeferredNext, call);
        }

        _tail = call;
        _listed++;
        return true;
    }

    /// <summary>A deferred call got its outcome. Any thread, exactly once per deferred call.</summary>
    public void OnCompleted() => Interlocked.Decrement(ref _waiting);

    /// <summary>The calls still waiting, oldest first. Any thread.</summary>
    public PendingCall[] Waiting()
    {
        List<PendingCall>? waiting = null;
        for (var call = Volatile.Read(ref _head); call is not null; call = Volatile.Read(ref call.DeferredNext))
        {
            if (!call.IsCompleted)
            {
                (waiting ??= []).Add(call);
            }
        }

        return waiting is null ? [] : [.. waiting];
    }

    /// <summary>Loop only: empties the list and returns the calls that still wait (to fail them).</summary>
    public PendingCall[] TakeAll()
    {
        var waiting = Waiting();
        Volatile.Write(ref _head, null);
        _tail = null;
        _listed = 0;
        return waiting;
    }

    /// <summary>Loop only: unlinks completed calls from the front, and from everywhere when they crowd the list.</summary>
    public void Prune()
    {
        while (_head is { IsCompleted: true } done)
        {
            Volatile.Write(ref _head, done.DeferredNext);
            _listed--;
            if (done == _tail)
            {
                _tail = null;
            }
        }

        if (_listed > (2 * Count) + Slack)
        {
            UnlinkCompleted();
        }
    }

    private void UnlinkCompleted()
    {
        PendingCall? previous = null;
        var listed = 0;
        for (var call = _head; call is not null; call = call.DeferredNext)
        {
            if (!call.IsCompleted)
            {
                previous = call;
                listed++;
            }
            else if (previous is null)
            {
                Volatile.Write(ref _head, call.DeferredNext);
            }
            else
            {
                Volatile.Write(ref previous.DeferredNext, call.DeferredNext);
            }
        }

        _tail = previous;
        _listed = listed;
    }
}
