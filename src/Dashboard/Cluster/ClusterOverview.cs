using Dashboard.Overview;
using Dashboard.Services;
using Microsoft.Extensions.Options;

namespace Dashboard.Cluster;

/// <summary>
/// The overview every page and the hub read: this node's <see cref="OverviewService"/> merged with the rows and totals
/// the other nodes publish. Without Redis (<see cref="Clustered"/> false) it is exactly this node's overview.
/// </summary>
/// <remarks>
/// <para>
/// Remote nodes are kept as a dictionary of rows per node, fed by deltas (<see cref="OnDelta"/>, on the store's thread)
/// and, when a node is new or a delta was missed, by a snapshot read from the store (<see cref="ApplySnapshot"/>).
/// A node that leaves the member list, or whose last delta is older than <see cref="ClusterOptions.MembershipTtl"/>,
/// is dropped with its rows.
/// </para>
/// <para>
/// While <see cref="Degraded"/> (Redis configured but unreachable) the view is this node's alone, so a page never
/// shows figures that can no longer be refreshed; the remote state is re-read from snapshots once Redis answers.
/// </para>
/// Thread-safe: deltas arrive on Redis's thread, member syncs on the cluster loop, queries on circuits and hub calls.
/// </remarks>
public sealed class ClusterOverview
{
    /// <summary>How many deltas of a node waiting for its snapshot are kept; beyond that the snapshot is read again.</summary>
    private const int MaxPendingDeltas = 16;

    private readonly OverviewService _local;
    private readonly ActorDirectory _directory;
    private readonly NodeIdentity _identity;
    private readonly NodeStatsSampler _stats;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RemoteNode> _remote = new(StringComparer.Ordinal);
    private readonly Dictionary<(OverviewColumn, bool, string), (long Generation, long At, ClusterRow[] Rows)> _sorted = [];
    private readonly TotalsHistory _history;
    private long _generation;
    private long _sampledAt;
    private volatile bool _degraded;

    /// <summary>Merges <paramref name="local"/> with the other nodes' rows when <paramref name="redis"/> is enabled.</summary>
    public ClusterOverview(
        OverviewService local,
        ActorDirectory directory,
        NodeIdentity identity,
        NodeStatsSampler stats,
        IOptions<ClusterOptions> options,
        IOptions<RedisOptions> redis,
        TimeProvider time)
    {
        _local = local;
        _directory = directory;
        _identity = identity;
        _stats = stats;
        _options = options.Value;
        _time = time;
        Clustered = redis.Value.Enabled;
        _history = new TotalsHistory(local.Options.HistoryPoints);
        _sampledAt = time.GetTimestamp();
    }

    /// <summary>Whether Redis is configured (several nodes); false: this node's overview only, as without scale-out.</summary>
    public bool Clustered { get; }

    /// <summary>Whether Redis is configured but unreachable: the view shows this node only until it answers again.</summary>
    public bool Degraded => _degraded;

    /// <summary>This node's name.</summary>
    public string LocalNode => _identity.Name;

    /// <summary>This node's overview index (its settings, charts and heartbeat ages).</summary>
    public OverviewService Local => _local;

    /// <summary>This node's figures now, in the form it publishes.</summary>
    public NodeTotals LocalTotals()
    {
        var totals = _local.Totals;
        var (cpu, memory) = _stats.Current;
        return new NodeTotals
        {
            LiveActors = totals.LiveActors,
            MaxActors = totals.MaxActors,
            QueueDepth = totals.QueueDepth,
            CallsPerSecond = totals.CallsPerSecond,
            TimeoutsPerSecond = totals.TimeoutsPerSecond,
            TabActors = _directory.Count(OwnerKind.Tab),
            HubActors = _directory.Count(OwnerKind.Hub),
            VirtualActors = _directory.Count(OwnerKind.Virtual),
            CpuPercent = cpu,
            MemoryBytes = memory,
        };
    }

    /// <summary>Every node in view: this one first, then the others by name (only this one while degraded or single).</summary>
    public IReadOnlyList<NodeSummary> Nodes
    {
        get
        {
            var local = new NodeSummary(new NodeInfo(_identity.Name, _identity.Url, _identity.StartedAt, _identity.Version), LocalTotals(), _time.GetUtcNow(), IsLocal: true);
            if (!ShowsRemote)
            {
                return [local];
            }

            lock (_lock)
            {
                return [local, .. _remote.Values.Where(node => node.HasData).OrderBy(node => node.Info.Name, StringComparer.Ordinal)
                    .Select(node => new NodeSummary(node.Info, node.Totals, node.LastSeen, IsLocal: false))];
            }
        }
    }

    /// <summary>The figures of every node in view added up; <see cref="OverviewTotals.MaxActors"/> is the sum of their limits.</summary>
    public OverviewTotals Totals
    {
        get
        {
            if (!ShowsRemote)
            {
                return _local.Totals;
            }

            var nodes = Nodes;
            return new OverviewTotals(
                nodes.Sum(node => node.Totals.LiveActors),
                (int)Math.Min(int.MaxValue, nodes.Sum(node => (long)node.Totals.MaxActors)),
                nodes.Sum(node => node.Totals.QueueDepth),
                nodes.Sum(node => node.Totals.CallsPerSecond),
                nodes.Sum(node => node.Totals.TimeoutsPerSecond));
        }
    }

    /// <summary>The totals charts: of the whole cluster while it is in view, else this node's.</summary>
    public TotalsHistory History => ShowsRemote ? _history : _local.History;

    private bool ShowsRemote => Clustered && !_degraded;

    /// <summary>Adds a point to the cluster's charts when <see cref="OverviewOptions.SampleInterval"/> has passed (called by the cluster loop).</summary>
    internal void SampleIfDue()
    {
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_sampledAt, now) < _local.Options.SampleInterval)
        {
            return;
        }

        _sampledAt = now;
        var totals = Totals;
        _history.Add(new TotalsSample(totals.LiveActors, totals.CallsPerSecond, totals.QueueDepth, totals.TimeoutsPerSecond));
    }

    /// <summary>The registration of <paramref name="node"/> when it is in view (this node included), else null.</summary>
    public NodeInfo? FindNode(string node) => Nodes.FirstOrDefault(summary => summary.Info.Name == node)?.Info;

    /// <summary>One page of actors over every node in view, in the asked order; this node's rows are read fresh.</summary>
    public ClusterSlice Query(OverviewQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var node = _identity.Name;
        if (!ShowsRemote)
        {
            var slice = _local.Query(query);
            return new ClusterSlice([.. slice.Rows.Select(row => new ClusterRow(node, row, IsLocal: true))], slice.TotalRows);
        }

        var pageSize = Math.Clamp(query.PageSize, 1, 1_000);
        var sorted = Sorted(query);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var id = OverviewSorting.SearchedId(query.Search); // a pid may live on several nodes: one row per node
            sorted = [.. sorted.Where(row => row.Row.Pid.Id == id)];
        }

        var rows = sorted.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .Select(row => row.IsLocal ? row with { Row = _local.Fresh(row.Row) } : row)
            .ToList();
        return new ClusterSlice(rows, sorted.Length);
    }

    /// <summary>Time since the row's last heartbeat, or null when it never had one.</summary>
    public TimeSpan? HeartbeatAge(ClusterRow row) => _local.HeartbeatAge(row.Row);

    /// <summary>Records whether the store is reachable; true when that changed (the caller logs the change once).</summary>
    internal bool SetDegraded(bool degraded)
    {
        if (_degraded == degraded)
        {
            return false;
        }

        _degraded = degraded;
        if (degraded)
        {
            lock (_lock)
            {
                foreach (var node in _remote.Values)
                {
                    node.Unsync(); // deltas were missed: read each snapshot again once the store answers
                }

                _generation++;
            }
        }

        return true;
    }

    /// <summary>A delta published by any node (this node's own are ignored). Called on the store's thread.</summary>
    internal void OnDelta(OverviewDelta delta)
    {
        if (delta.Node == _identity.Name)
        {
            return;
        }

        lock (_lock)
        {
            if (!_remote.TryGetValue(delta.Node, out var node))
            {
                return; // not a member yet: the next member sync reads its snapshot
            }

            if (delta.Full || (node.Synced && delta.Sequence == node.Sequence + 1))
            {
                Apply(node, delta);
            }
            else if (node.Synced && delta.Sequence <= node.Sequence)
            {
                // Already seen (a snapshot covered it).
            }
            else if (node.Synced)
            {
                node.Unsync(); // a gap: a delta was lost
                node.Pending.Add(delta);
            }
            else if (node.Pending.Count < MaxPendingDeltas)
            {
                node.Pending.Add(delta); // applied after the snapshot, if it follows it
            }
        }
    }

    /// <summary>Makes the remote nodes in view exactly <paramref name="members"/> (this node aside); new ones wait for their snapshot.</summary>
    internal void SyncMembers(IReadOnlyList<NodeInfo> members)
    {
        var oldest = _time.GetUtcNow() - _options.MembershipTtl;
        lock (_lock)
        {
            var names = members.Select(member => member.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, node) in _remote.ToList())
            {
                if (!names.Contains(name) || (node.HasData && node.LastSeen < oldest))
                {
                    _remote.Remove(name);
                    _generation++;
                }
            }

            foreach (var member in members.Where(member => member.Name != _identity.Name))
            {
                if (_remote.TryGetValue(member.Name, out var node))
                {
                    node.Info = member;
                }
                else
                {
                    _remote[member.Name] = new RemoteNode(member);
                }
            }
        }
    }

    /// <summary>The remote nodes whose snapshot must be read (new, or a delta was missed).</summary>
    internal IReadOnlyList<string> NodesNeedingSnapshot()
    {
        lock (_lock)
        {
            return [.. _remote.Values.Where(node => !node.Synced).Select(node => node.Info.Name)];
        }
    }

    /// <summary>Replaces a remote node's state by its snapshot (null: it has published nothing yet), then applies the deltas that follow it.</summary>
    internal void ApplySnapshot(string name, OverviewDelta? snapshot)
    {
        lock (_lock)
        {
            if (!_remote.TryGetValue(name, out var node) || snapshot is null)
            {
                return;
            }

            var pending = node.Pending.Where(delta => delta.Sequence > snapshot.Sequence).OrderBy(delta => delta.Sequence).ToList();
            node.Pending.Clear();
            Apply(node, snapshot with { Full = true });
            foreach (var delta in pending)
            {
                if (delta.Sequence != node.Sequence + 1)
                {
                    node.Unsync(); // still a gap: read the snapshot again next time
                    return;
                }

                Apply(node, delta);
            }
        }
    }

    private void Apply(RemoteNode node, OverviewDelta delta)
    {
        var now = _time.GetUtcNow();
        if (delta.Full)
        {
            node.Rows.Clear();
        }

        foreach (var pid in delta.Removed)
        {
            node.Rows.Remove(pid);
        }

        foreach (var wire in delta.Changed)
        {
            node.Rows[wire.Pid] = new ClusterRow(node.Info.Name, RowConversion.FromWire(wire, _time, now), IsLocal: false);
        }

        node.Totals = delta.Totals;
        node.Sequence = delta.Sequence;
        node.LastSeen = now;
        node.Synced = true;
        node.HasData = true;
        node.Pending.Clear();
        if (delta.Full || delta.Changed.Count > 0 || delta.Removed.Count > 0)
        {
            node.RowsArray = null;
            _generation++;
        }
    }

    /// <summary>The merged rows in the asked order, sorted at most once per refresh interval (or when a node's rows changed) for all pages.</summary>
    private ClusterRow[] Sorted(OverviewQuery query)
    {
        var key = (query.SortBy, query.Descending, query.Owner?.ToLowerInvariant() ?? "");
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (_sorted.TryGetValue(key, out var cached) && cached.Generation == _generation
                && _time.GetElapsedTime(cached.At, now) < _local.Options.RefreshInterval)
            {
                return cached.Rows;
            }

            var node = _identity.Name;
            IEnumerable<ClusterRow> rows = _local.Snapshot().Select(row => new ClusterRow(node, row, IsLocal: true));
            foreach (var remote in _remote.Values.Where(remote => remote.HasData))
            {
                rows = rows.Concat(remote.RowsArray ??= [.. remote.Rows.Values]);
            }

            if (query.Owner is { Length: > 0 } owner)
            {
                rows = rows.Where(row => string.Equals(row.Row.Owner, owner, StringComparison.OrdinalIgnoreCase));
            }

            var sorted = rows.ToArray();
            var byRow = OverviewSorting.Comparer(query.SortBy, query.Descending);
            Array.Sort(sorted, (a, b) =>
            {
                var order = byRow(a.Row, b.Row);
                return order != 0 ? order : string.CompareOrdinal(a.Node, b.Node);
            });
            _sorted[key] = (_generation, now, sorted);
            return sorted;
        }
    }

    /// <summary>What this node knows of another.</summary>
    private sealed class RemoteNode(NodeInfo info)
    {
        public NodeInfo Info { get; set; } = info;

        public Dictionary<long, ClusterRow> Rows { get; } = [];

        public ClusterRow[]? RowsArray { get; set; }

        public NodeTotals Totals { get; set; } = new();

        public long Sequence { get; set; }

        public DateTimeOffset LastSeen { get; set; }

        /// <summary>Whether its deltas can be applied (false: new, or one was missed; its snapshot is read next).</summary>
        public bool Synced { get; set; }

        /// <summary>Whether a snapshot or full delta arrived: only then is the node shown (its rows stay shown while it resyncs).</summary>
        public bool HasData { get; set; }

        public List<OverviewDelta> Pending { get; } = [];

        public void Unsync()
        {
            Synced = false;
            Pending.Clear();
        }
    }
}
