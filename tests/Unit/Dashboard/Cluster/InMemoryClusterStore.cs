using Dashboard.Cluster;

namespace Unit.Dashboard.Cluster;

/// <summary>
/// A stand-in for Redis in one process: members and snapshots expire on the <see cref="TimeProvider"/>, deltas reach
/// every subscriber at once, and <see cref="Available"/> = false makes every call fail as an unreachable Redis does.
/// </summary>
internal sealed class InMemoryClusterStore(TimeProvider time) : IClusterStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (NodeInfo Info, DateTimeOffset Expires)> _members = [];
    private readonly Dictionary<string, Snapshot> _snapshots = [];
    private readonly Dictionary<string, (long Count, DateTimeOffset Expires)> _counters = [];
    private readonly List<Action<OverviewDelta>> _subscribers = [];

    /// <summary>Whether the store answers; false: every call throws and <see cref="IsConnected"/> is false.</summary>
    public bool Available { get; set; } = true;

    /// <summary>When true, published deltas are stored but not delivered (a lost pub/sub message).</summary>
    public bool DropDeliveries { get; set; }

    /// <summary>Every delta published, in order.</summary>
    public List<OverviewDelta> Published { get; } = [];

    public bool IsConnected => Available;

    public Task RegisterAsync(NodeInfo node, TimeSpan ttl)
    {
        lock (Check())
        {
            _members[node.Name] = (node, time.GetUtcNow() + ttl);
        }

        return Task.CompletedTask;
    }

    public Task DeregisterAsync(string node)
    {
        lock (Check())
        {
            _members.Remove(node);
            _snapshots.Remove(node);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NodeInfo>> ReadMembersAsync()
    {
        lock (Check())
        {
            var now = time.GetUtcNow();
            return Task.FromResult<IReadOnlyList<NodeInfo>>([.. _members.Values.Where(member => member.Expires > now).Select(member => member.Info)]);
        }
    }

    public Task PublishAsync(OverviewDelta delta, TimeSpan ttl)
    {
        Action<OverviewDelta>[] subscribers;
        lock (Check())
        {
            if (delta.Full || !_snapshots.TryGetValue(delta.Node, out var snapshot) || snapshot.Expires <= time.GetUtcNow())
            {
                snapshot = new Snapshot();
                _snapshots[delta.Node] = snapshot;
            }

            foreach (var pid in delta.Removed)
            {
                snapshot.Rows.Remove(pid);
            }

            foreach (var row in delta.Changed)
            {
                snapshot.Rows[row.Pid] = row;
            }

            (snapshot.Sequence, snapshot.Totals, snapshot.Expires) = (delta.Sequence, delta.Totals, time.GetUtcNow() + ttl);
            Published.Add(delta);
            subscribers = DropDeliveries ? [] : [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber(delta);
        }

        return Task.CompletedTask;
    }

    public Task<OverviewDelta?> ReadSnapshotAsync(string node)
    {
        lock (Check())
        {
            return Task.FromResult(_snapshots.TryGetValue(node, out var snapshot) && snapshot.Expires > time.GetUtcNow()
                ? new OverviewDelta(node, snapshot.Sequence, Full: true, snapshot.Totals, [.. snapshot.Rows.Values], [])
                : null);
        }
    }

    public Task SubscribeAsync(Action<OverviewDelta> onDelta)
    {
        lock (Check())
        {
            _subscribers.Add(onDelta);
        }

        return Task.CompletedTask;
    }

    public Task<long> IncrementAsync(string key, TimeSpan window)
    {
        lock (Check())
        {
            var now = time.GetUtcNow();
            var count = _counters.TryGetValue(key, out var counter) && counter.Expires > now ? counter.Count + 1 : 1;
            _counters[key] = (count, now + window);
            return Task.FromResult(count);
        }
    }

    private Lock Check() => Available ? _lock : throw new InvalidOperationException("It's not possible to connect to the Redis server(s).");

    private sealed class Snapshot
    {
        public Dictionary<long, RowWire> Rows { get; } = [];

        public long Sequence { get; set; }

        public NodeTotals Totals { get; set; } = new();

        public DateTimeOffset Expires { get; set; }
    }
}
