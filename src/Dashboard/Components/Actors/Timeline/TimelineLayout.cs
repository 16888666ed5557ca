using Dashboard.Services;

namespace Dashboard.Components.Actors.Timeline;

/// <summary>
/// The geometry of the call timeline, computed from tracked calls alone (no rendering, no clock of its own),
/// so that it can be tested as data. <see cref="CallTimeline"/> only draws it.
/// </summary>
/// <remarks>
/// <para>One row per call, newest first, each with three lanes: caller, actor, external worker. Calls whose
/// lifetimes overlap form a <see cref="TimelineGroup"/> and share a time origin, so a burst's overlap (and a
/// misrouted answer crossing rows) is visible; idle time between groups is left out and labelled instead.</para>
/// <para>Time runs left to right on one linear scale for all groups: the longest group, rounded up to a
/// round number, fills the plot. Events closer than <see cref="MinStepGap"/> are spread apart in the order
/// they happened, so the six steps always read 1→6 from left to right.</para>
/// </remarks>
public sealed partial class TimelineLayout
{
    /// <summary>How many calls are drawn by default: every call the tracker remembers.</summary>
    public const int DefaultMaxCalls = CallTracker.RecentCapacity;

    /// <summary>Height of one call's row.</summary>
    public const double RowHeight = 46;

    /// <summary>Offset of the caller's lane in a row.</summary>
    public const double CallerLane = 9;

    /// <summary>Offset of the actor's lane in a row.</summary>
    public const double ActorLane = 23;

    /// <summary>Offset of the external worker's lane in a row.</summary>
    public const double WorkerLane = 37;

    /// <summary>Height of the time axis above the rows.</summary>
    public const double AxisHeight = 24;

    /// <summary>Space between two groups.</summary>
    public const double GroupGap = 12;

    /// <summary>Width of the call labels at the left.</summary>
    public const double LabelWidth = 150;

    /// <summary>Width of the outcome texts at the right.</summary>
    public const double OutcomeWidth = 200;

    /// <summary>Least distance between two consecutive events of one call.</summary>
    public const double MinStepGap = 20;

    private static readonly TimeSpan MinDomain = TimeSpan.FromMilliseconds(100);
    private static readonly double[] RoundFactors = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

    private readonly List<TimelineRow> _rows = [];
    private readonly List<TimelineGroup> _groups = [];
    private readonly List<TimelineShape> _shapes = [];
    private readonly List<TimelineTick> _ticks = [];

    private TimelineLayout(double width)
    {
        Width = width;
        PlotLeft = LabelWidth;
        PlotRight = Math.Max(PlotLeft + (4 * MinStepGap * 2), width - OutcomeWidth);
    }

    /// <summary>The drawing's width (the SVG view box).</summary>
    public double Width { get; }

    /// <summary>The drawing's height.</summary>
    public double Height { get; private set; }

    /// <summary>x of time 0 of every group.</summary>
    public double PlotLeft { get; }

    /// <summary>x of <see cref="Domain"/>.</summary>
    public double PlotRight { get; }

    /// <summary>The time the plot's width stands for.</summary>
    public TimeSpan Domain { get; private set; }

    /// <summary>The calls drawn, newest first.</summary>
    public IReadOnlyList<TimelineRow> Rows => _rows;

    /// <summary>Groups of overlapping calls, newest first.</summary>
    public IReadOnlyList<TimelineGroup> Groups => _groups;

    /// <summary>Everything drawn on the rows.</summary>
    public IReadOnlyList<TimelineShape> Shapes => _shapes;

    /// <summary>The time axis.</summary>
    public IReadOnlyList<TimelineTick> Ticks => _ticks;

    /// <summary>Lays out the newest <paramref name="maxCalls"/> of <paramref name="calls"/>.</summary>
    /// <param name="calls">Tracked calls, in any order (a <see cref="CallTracker"/> snapshot gives newest first).</param>
    /// <param name="now">The current <see cref="TimeProvider.GetTimestamp"/> value.</param>
    /// <param name="frequency">Timestamp ticks per second.</param>
    /// <param name="width">The drawing's width.</param>
    /// <param name="maxCalls">How many calls to draw; defaults to <see cref="DefaultMaxCalls"/>.</param>
    public static TimelineLayout Build(IReadOnlyList<CallRecord> calls, long now, long frequency, double width, int maxCalls = DefaultMaxCalls)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequency);
        var layout = new TimelineLayout(width);
        var recent = calls.OrderByDescending(c => c.SentAt).ThenByDescending(c => c.CallId).Take(maxCalls).ToList();
        var groups = Group(recent, now);

        var longest = groups.Count == 0 ? 0 : groups.Max(g => g.End - g.Start);
        layout.Domain = NiceCeiling(TimeSpan.FromSeconds(longest / (double)frequency));
        var pixelsPerTick = (layout.PlotRight - layout.PlotLeft) / (layout.Domain.TotalSeconds * frequency);
        layout.AddTicks();

        var top = AxisHeight;
        var placed = new Dictionary<long, PlacedRow>();
        var deliveredAt = calls.Where(c => c.AnsweredWith is not null && c.RepliedAt != 0)
            .GroupBy(c => c.AnsweredWith!.Value).ToDictionary(g => g.Key, g => g.Min(c => c.RepliedAt));
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            var groupTop = top;
            double ToX(long at) => layout.PlotLeft + ((at - group.Start) * pixelsPerTick);
            foreach (var call in group.Calls.OrderByDescending(c => c.SentAt).ThenByDescending(c => c.CallId))
            {
                var overwriter = NaiveSlot.OverwrittenBy(call, calls);
                var anchors = CallAnchors.Place(call, overwriter?.HandlingAt ?? 0, deliveredAt.GetValueOrDefault(call.CallId), now, ToX, layout.PlotLeft, layout.PlotRight);
                var row = new TimelineRow(call, layout._groups.Count, top) { OverwrittenBy = overwriter?.CallId };
                row = row with { Outcome = Outcome(row, now, frequency) };
                placed[call.CallId] = new PlacedRow(row, anchors, ToX);
                layout._rows.Add(row);
                top += RowHeight;
            }

            TimeSpan? idle = g == 0 ? null : TimeSpan.FromSeconds((group.Start - groups[g - 1].End) / (double)frequency);
            layout._groups.Add(new TimelineGroup(groupTop, top, idle, group.InMotion));
            if (group.InMotion)
            {
                var x = Math.Clamp(ToX(now), layout.PlotLeft, layout.PlotRight);
                layout._shapes.Add(new TimelineShape(ShapeKind.Now, 0, x, groupTop, x, top) { Title = "now" });
            }

            top += GroupGap;
        }

        layout.Height = Math.Max(top - GroupGap, AxisHeight + RowHeight) + 4;
        foreach (var row in layout._rows)
        {
            layout.AddRowShapes(placed[row.Call.CallId], placed, calls, frequency);
        }

        return layout;
    }

    /// <summary>The least round duration (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ ms) not below <paramref name="value"/>: the scale changes in steps, not every frame.</summary>
    internal static TimeSpan NiceCeiling(TimeSpan value)
    {
        var ms = Math.Max(value.TotalMilliseconds, MinDomain.TotalMilliseconds);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(ms)));
        foreach (var factor in RoundFactors)
        {
            if (factor * magnitude >= ms - 1e-9)
            {
                return TimeSpan.FromMilliseconds(factor * magnitude);
            }
        }

        return TimeSpan.FromMilliseconds(10 * magnitude);
    }

    /// <summary>Groups calls whose activity (sent → outcome, job done, late reply; now while running) overlaps; oldest group first.</summary>
    private static List<CallGroup> Group(List<CallRecord> calls, long now)
    {
        var groups = new List<CallGroup>();
        foreach (var call in calls.OrderBy(c => c.SentAt).ThenBy(c => c.CallId))
        {
            var running = !call.IsEnded || call.JobRunning;
            var end = Math.Max(running ? now : call.EndedAt, Math.Max(Math.Max(call.ExternalDoneAt, call.LateReplyAt), Math.Max(call.WorkCancelledAt, call.DeadIncarnationAt)));
            if (groups.Count > 0 && call.SentAt <= groups[^1].End)
            {
                var last = groups[^1];
                last.Calls.Add(call);
                groups[^1] = last with { End = Math.Max(last.End, end), InMotion = last.InMotion || running };
            }
            else
            {
                groups.Add(new CallGroup(call.SentAt, end, running, [call]));
            }
        }

        return groups;
    }

    private void AddTicks()
    {
        var step = TickStep(Domain / 5);
        for (var t = TimeSpan.Zero; t <= Domain + TimeSpan.FromTicks(1); t += step)
        {
            _ticks.Add(new TimelineTick(PlotLeft + ((PlotRight - PlotLeft) * (t / Domain)), TickLabel(t)));
        }
    }

    /// <summary>The least 1, 2, 2.5 or 5 × 10ⁿ ms not below <paramref name="value"/>: ticks people count in.</summary>
    private static TimeSpan TickStep(TimeSpan value)
    {
        var ms = Math.Max(value.TotalMilliseconds, 1);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(ms)));
        var factor = new[] { 1, 2, 2.5, 5 }.FirstOrDefault(f => f * magnitude >= ms - 1e-9, 10);
        return TimeSpan.FromMilliseconds(factor * magnitude);
    }

    private static string TickLabel(TimeSpan t) => t == TimeSpan.Zero
        ? "0"
        : t.TotalMilliseconds < 1000 ? $"{t.TotalMilliseconds:0.#} ms" : $"{t.TotalSeconds:0.##} s";

    private static string Outcome(TimelineRow row, long now, long frequency)
    {
        var call = row.Call;
        var elapsed = ActorFormat.Duration(TimeSpan.FromSeconds(((call.IsEnded ? call.EndedAt : now) - call.SentAt) / (double)frequency));
        var timeout = ActorFormat.Duration(call.Timeout);
        return call.Stage switch
        {
            CallStage.Queued => $"queued · {elapsed}",
            CallStage.Deferred or CallStage.ExternalInFlight when row.Stranded => $"stranded · {elapsed} / {timeout}",
            CallStage.Deferred or CallStage.ExternalInFlight => $"waiting · {elapsed} / {timeout}",
            CallStage.Replied => $"replied · {elapsed}",
            CallStage.Misrouted => $"got #{call.AnsweredWith}'s answer · {elapsed}",
            CallStage.TimedOut when row.Stranded => $"timed out · stranded {elapsed}",
            CallStage.TimedOut when call.LateReplyAt != 0 => $"timed out · late reply dropped",
            CallStage.TimedOut when call.WorkCancelledAt != 0 => $"timed out · work cancelled",
            CallStage.TimedOut when call.Outcome?.TimeoutKind is Hubs.TimeoutKind.Queued => $"timed out in the queue · {elapsed}",
            CallStage.TimedOut when call.Outcome?.TimeoutKind is Hubs.TimeoutKind.InHandler => $"timed out in the handler · {elapsed}",
            CallStage.TimedOut => $"timed out · {elapsed}",
            _ => Shorten(call.Result ?? "error"),
        };
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : string.Concat(text.AsSpan(0, 29), "…");

    private sealed record CallGroup(long Start, long End, bool InMotion, List<CallRecord> Calls);

    private sealed record PlacedRow(TimelineRow Row, CallAnchors Anchors, Func<long, double> ToX);
}
