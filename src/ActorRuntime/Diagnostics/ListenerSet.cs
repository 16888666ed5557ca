namespace ActorRuntime.Diagnostics;

/// <summary>Copy-on-write listener array: publishing reads one field and never locks.</summary>
internal sealed class ListenerSet
{
    private IActorEventListener[]? _items;

    /// <summary>The current listeners, or <see langword="null"/> when there are none.</summary>
    public IActorEventListener[]? Items => Volatile.Read(ref _items);

    public IDisposable Add(IActorEventListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        IActorEventListener[]? current, updated;
        do
        {
            current = Volatile.Read(ref _items);
            updated = current is null ? [listener] : [.. current, listener];
        }
        while (Interlocked.CompareExchange(ref _items, updated, current) != current);

        return new Subscription(this, listener);
    }

    public static void Notify(IActorEventListener[]? listeners, in ActorEvent actorEvent)
    {
        if (listeners is null)
        {
            return;
        }

        foreach (var listener in listeners)
        {
            try
            {
                listener.OnEvent(actorEvent);
            }
            catch (Exception)
            {
                // A faulty listener must never crash the actor that reported the event.
            }
        }
    }

    private void Remove(IActorEventListener listener)
    {
        IActorEventListener[]? current, updated;
        do
        {
            current = Volatile.Read(ref _items);
            var index = current is null ? -1 : Array.IndexOf(current, listener);
            if (index < 0)
            {
                return;
            }

            updated = current!.Length == 1 ? null : [.. current[..index], .. current[(index + 1)..]];
        }
        while (Interlocked.CompareExchange(ref _items, updated, current) != current);
    }

    private sealed class Subscription(ListenerSet set, IActorEventListener listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                set.Remove(listener);
            }
        }
    }
}
