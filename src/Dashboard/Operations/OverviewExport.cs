using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Cluster;
using Dashboard.Components.Pages.Overview;
using Dashboard.Overview;

namespace Dashboard.Operations;

/// <summary>
/// <c>GET /overview/export?format=csv|json</c>: the overview's rows in the page's current filter and order (all pages,
/// every node in view, each row with its <c>node</c>), as CSV (a header row, RFC 4180 quoting) or JSON (an array of objects).
/// </summary>
public static class OverviewExport
{
    /// <summary>The endpoint's path.</summary>
    public const string Path = "/overview/export";

    /// <summary>The CSV header, in column order.</summary>
    public static readonly string[] Columns =
    [
        "pid", "node", "name", "owner", "status", "queue_depth", "mailbox_capacity", "deferred_calls", "external_in_flight",
        "timeouts", "late_replies", "crashes", "heartbeat_age_ms", "handle_p99_ms",
    ];

    private const int PageSize = 1_000;

    /// <summary>The export link of the overview showing <paramref name="query"/> (its sort, filter and search; not its page).</summary>
    public static string Link(OverviewQuery query, string format)
    {
        ArgumentNullException.ThrowIfNull(query);
        var link = new StringBuilder(Path.TrimStart('/'))
            .Append("?format=").Append(format)
            .Append("&sort=").Append(query.SortBy)
            .Append("&desc=").Append(query.Descending ? "true" : "false");
        if (!string.IsNullOrEmpty(query.Owner))
        {
            link.Append("&owner=").Append(Uri.EscapeDataString(query.Owner));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            link.Append("&search=").Append(Uri.EscapeDataString(query.Search.Trim()));
        }

        return link.ToString();
    }

    /// <summary>Reads the query string; a clear message for a bad format or sort column.</summary>
    public static (string? Format, OverviewQuery? Query, string? Error) Parse(IQueryCollection parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var format = parameters["format"].ToString().ToLowerInvariant();
        if (format is not ("csv" or "json"))
        {
            return (null, null, $"format must be csv or json (was '{parameters["format"]}').");
        }

        var sortText = parameters["sort"].ToString();
        var sort = OverviewColumn.QueueDepth;
        if (sortText.Length > 0 && (!Enum.TryParse(sortText, ignoreCase: true, out sort) || !Enum.IsDefined(sort)))
        {
            return (null, null, $"sort must be one of {string.Join(", ", Enum.GetNames<OverviewColumn>())} (was '{sortText}').");
        }

        var descText = parameters["desc"].ToString();
        var descending = true;
        if (descText.Length > 0 && !bool.TryParse(descText, out descending))
        {
            return (null, null, $"desc must be true or false (was '{descText}').");
        }

        var owner = parameters["owner"].ToString();
        var search = parameters["search"].ToString();
        var query = new OverviewQuery(sort, descending, owner.Length == 0 ? null : owner, 0, PageSize) { Search = search.Length == 0 ? null : search };
        return (format, query, null);
    }

    /// <summary>Every row matching <paramref name="query"/>, in its order, over all pages.</summary>
    public static IReadOnlyList<ClusterRow> AllRows(ClusterOverview overview, OverviewQuery query)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ArgumentNullException.ThrowIfNull(query);
        var rows = new List<ClusterRow>();
        for (var page = 0; ; page++)
        {
            var slice = overview.Query(query with { Page = page, PageSize = PageSize });
            rows.AddRange(slice.Rows);
            if (slice.Rows.Count < PageSize || rows.Count >= slice.TotalRows)
            {
                return rows;
            }
        }
    }

    /// <summary>The rows as CSV: the <see cref="Columns"/> header, then one line per row, CRLF-terminated.</summary>
    public static string ToCsv(IEnumerable<ClusterRow> rows, ClusterOverview overview)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder().AppendJoin(',', Columns).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', Fields(row, overview).Select(field => Quote(Text(field)))).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>The rows as a JSON array of objects whose property names are the <see cref="Columns"/>.</summary>
    public static string ToJson(IEnumerable<ClusterRow> rows, ClusterOverview overview)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var objects = rows.Select(row => Columns.Zip(Fields(row, overview)).ToDictionary(pair => pair.First, pair => pair.Second));
        return JsonSerializer.Serialize(objects);
    }

    /// <summary>One CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled), and a leading
    /// <c>= + - @</c> of a text field neutralised with a <c>'</c> so that a spreadsheet never runs it as a formula.</summary>
    internal static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            field = "'" + field;
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
    }

    private static object?[] Fields(ClusterRow clusterRow, ClusterOverview overview) => Fields(clusterRow.Node, clusterRow.Row, overview.HeartbeatAge(clusterRow));

    private static object?[] Fields(string node, OverviewRow row, TimeSpan? heartbeatAge) =>
    [
        row.Pid.ToString(), node, row.Name, row.Owner, OverviewPage.Status(row), row.QueueDepth, row.MailboxCapacity, row.DeferredCalls,
        row.ExternalInFlight, row.Timeouts, row.LateReplies, row.Crashes,
        heartbeatAge is { } age ? Math.Round(age.TotalMilliseconds) : null,
        Math.Round(row.HandleTimeP99.TotalMilliseconds, 3),
    ];

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
