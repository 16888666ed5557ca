namespace Dashboard.Cluster;

/// <summary>
/// What the nodes share, behind a small interface: membership with a time to live, each node's overview (a snapshot
/// plus a stream of deltas) and counters with an expiry. <see cref="RedisClusterStore"/> is the product's; unit tests
/// use an in-memory one.
/// </summary>
/// <remarks>
/// Every method may throw when the store is unreachable (<see cref="IsConnected"/> false or a failing command);
/// callers treat any exception as "the store is down" and fall back to this node's own view.
/// </remarks>
public interface IClusterStore
{
    /// <summary>Whether the store is reachable right now (a cheap check, no round trip).</summary>
    bool IsConnected { get; }

    /// <summary>Registers or renews <paramref name="node"/>; it disappears from <see cref="ReadMembersAsync"/> after <paramref name="ttl"/> without renewal.</summary>
    Task RegisterAsync(NodeInfo node, TimeSpan ttl);

    /// <summary>Removes <paramref name="node"/> at once (a clean shutdown), with its snapshot.</summary>
    Task DeregisterAsync(string node);

    /// <summary>The nodes whose registration has not expired, in no particular order.</summary>
    Task<IReadOnlyList<NodeInfo>> ReadMembersAsync();

    /// <summary>
    /// Applies <paramref name="delta"/> to the node's snapshot (which then lives <paramref name="ttl"/>) and publishes it to every
    /// subscriber, atomically: a reader of the snapshot sees exactly the deltas up to its sequence number.
    /// </summary>
    Task PublishAsync(OverviewDelta delta, TimeSpan ttl);

    /// <summary>The node's whole overview as one <see cref="OverviewDelta.Full"/> delta, or null when it has none.</summary>
    Task<OverviewDelta?> ReadSnapshotAsync(string node);

    /// <summary>Calls <paramref name="onDelta"/> for every delta any node publishes from now on (on the store's thread; keep it short).</summary>
    Task SubscribeAsync(Action<OverviewDelta> onDelta);

    /// <summary>Adds one to the counter <paramref name="key"/>, creating it with the expiry <paramref name="window"/>; returns the new count.</summary>
    Task<long> IncrementAsync(string key, TimeSpan window);
}
