namespace ActorRuntime.Calls;

/// <summary>A <see cref="PendingCall"/>'s place in one intrusive list: a call is in at most one timeout lane and one deferred list.</summary>
internal struct CallLinks
{
    public PendingCall? Previous;
    public PendingCall? Next;
}

/// <summary>The operations both intrusive lists of calls share; the caller guards the list with its lock.</summary>
internal static class CallList
{
    /// <summary>Which of a call's <see cref="CallLinks"/> a list uses.</summary>
    public delegate ref CallLinks LinksOf(PendingCall call);

    /// <summary>Links <paramref name="call"/> between <paramref name="after"/> and the call that followed it (null: at the head).</summary>
    public static void InsertAfter(PendingCall? after, PendingCall call, ref PendingCall? head, ref PendingCall? tail, LinksOf linksOf)
    {
        var before = after is null ? head : linksOf(after).Next;
        ref var links = ref linksOf(call);
        links.Previous = after;
        links.Next = before;
        if (after is null)
        {
            head = call;
        }
        else
        {
            linksOf(after).Next = call;
        }

        if (before is null)
        {
            tail = call;
        }
        else
        {
            linksOf(before).Previous = call;
        }
    }

    /// <summary>Takes <paramref name="call"/> out of the list it is in.</summary>
    public static void Unlink(PendingCall call, ref PendingCall? head, ref PendingCall? tail, LinksOf linksOf)
    {
        ref var links = ref linksOf(call);
        if (links.Previous is { } previous)
        {
            linksOf(previous).Next = links.Next;
        }
        else
        {
            head = links.Next;
        }

        if (links.Next is { } next)
        {
            linksOf(next).Previous = links.Previous;
        }
        else
        {
            tail = links.Previous;
        }

        links = default;
    }
}
