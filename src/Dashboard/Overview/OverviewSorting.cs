using ActorRuntime;

namespace Dashboard.Overview;

/// <summary>Orders overview rows by any <see cref="OverviewColumn"/>; ties fall back to the pid, so pages are stable.</summary>
internal static class OverviewSorting
{
    /// <summary>Filters <paramref name="rows"/> by owner and pid search and sorts a copy; <paramref name="rows"/> is not changed.</summary>
    public static OverviewRow[] FilterAndSort(IReadOnlyCollection<OverviewRow> rows, OverviewQuery query)
    {
        IEnumerable<OverviewRow> matching = rows;
        if (query.Owner is { Length: > 0 } owner)
        {
            matching = matching.Where(row => string.Equals(row.Owner, owner, StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var id = SearchedId(query.Search);
            matching = matching.Where(row => row.Pid.Id == id);
        }

        var result = matching.ToArray();
        var comparer = Comparer(query.SortBy, query.Descending);
        Array.Sort(result, comparer);
        return result;
    }

    /// <summary>The pid id a search names; 0 (no actor has it) when the text is not a pid, so nothing matches.</summary>
    public static long SearchedId(string search) => Pid.TryParse(search, null, out var pid) ? pid.Id : 0;

    /// <summary>The order of one column; descending reverses the column but not the pid tie-break.</summary>
    public static Comparison<OverviewRow> Comparer(OverviewColumn column, bool descending)
    {
        Comparison<OverviewRow> byColumn = column switch
        {
            OverviewColumn.Pid => (a, b) => a.Pid.Id.CompareTo(b.Pid.Id),
            OverviewColumn.Owner => (a, b) => string.CompareOrdinal(a.Owner, b.Owner),
            OverviewColumn.Status => (a, b) => a.Status.CompareTo(b.Status),
            OverviewColumn.QueueDepth => (a, b) => a.QueueDepth.CompareTo(b.QueueDepth),
            OverviewColumn.DeferredCalls => (a, b) => a.DeferredCalls.CompareTo(b.DeferredCalls),
            OverviewColumn.ExternalInFlight => (a, b) => a.ExternalInFlight.CompareTo(b.ExternalInFlight),
            OverviewColumn.Timeouts => (a, b) => a.Timeouts.CompareTo(b.Timeouts),
            OverviewColumn.LateReplies => (a, b) => a.LateReplies.CompareTo(b.LateReplies),
            OverviewColumn.Crashes => (a, b) => a.Crashes.CompareTo(b.Crashes),
            // An older heartbeat is a larger age; never (0) is the oldest of all.
            OverviewColumn.HeartbeatAge => (a, b) => AgeKey(b.LastHeartbeat).CompareTo(AgeKey(a.LastHeartbeat)),
            OverviewColumn.HandleTimeP99 => (a, b) => a.HandleTimeP99.CompareTo(b.HandleTimeP99),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Unknown overview column."),
        };
        return (a, b) =>
        {
            var order = descending ? byColumn(b, a) : byColumn(a, b);
            return order != 0 ? order : a.Pid.Id.CompareTo(b.Pid.Id);
        };
    }

    private static long AgeKey(long lastHeartbeat) => lastHeartbeat == 0 ? long.MinValue : lastHeartbeat;
}
