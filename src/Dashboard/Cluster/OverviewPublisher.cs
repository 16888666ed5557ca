using Dashboard.Overview;
using Microsoft.Extensions.Options;

namespace Dashboard.Cluster;

/// <summary>
/// Publishes this node's totals and the rows that changed since its last delta, once per
/// <see cref="ClusterOptions.PublishInterval"/> — never per actor event, so the traffic depends on how many rows change
/// in an interval, not on how many messages the actors handle.
/// </summary>
/// <remarks>
/// Rows are compared by value with what was last published (the index replaces a row whenever it re-reads an actor).
/// After a failed publish the next one is full (every row, replacing the snapshot), so a store that lost writes, or
/// whose keys expired during an outage, is made whole again. Called by one loop at a time.
/// </remarks>
public sealed class OverviewPublisher(ClusterOverview view, IClusterStore store, IOptions<ClusterOptions> options, TimeProvider time)
{
    private readonly Dictionary<long, OverviewRow> _published = [];
    private long _sequence;
    private bool _full = true;

    /// <summary>Makes the next publish a full one.</summary>
    public void RequireFull() => _full = true;

    /// <summary>Publishes one delta and returns it.</summary>
    public async Task<OverviewDelta> PublishAsync()
    {
        var now = time.GetUtcNow();
        var rows = view.Local.Snapshot();
        var full = _full;
        var changed = new List<RowWire>();
        var removed = new List<long>();
        var current = new Dictionary<long, OverviewRow>(rows.Count);
        foreach (var row in rows)
        {
            current[row.Pid.Id] = row;
            if (full || !_published.TryGetValue(row.Pid.Id, out var previous) || previous != row)
            {
                changed.Add(RowConversion.ToWire(row, time, now));
            }
        }

        if (!full)
        {
            removed.AddRange(_published.Keys.Where(pid => !current.ContainsKey(pid)));
        }

        var delta = new OverviewDelta(view.LocalNode, ++_sequence, full, view.LocalTotals(), changed, removed);
        try
        {
            await store.PublishAsync(delta, options.Value.MembershipTtl);
        }
        catch
        {
            _full = true;
            throw;
        }

        _full = false;
        _published.Clear();
        foreach (var (pid, row) in current)
        {
            _published[pid] = row;
        }

        return delta;
    }
}
