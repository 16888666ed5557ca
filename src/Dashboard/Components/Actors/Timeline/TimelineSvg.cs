using System.Globalization;
using Dashboard.Heartbeats;
using Dashboard.Services;

namespace Dashboard.Components.Actors.Timeline;

/// <summary>
/// Writes the timeline's drawing as SVG text: a row's element in row-relative coordinates (placed by a
/// <c>transform</c> the page sets), the axis, the group bands and the "now" lines.
/// </summary>
/// <remarks>
/// Why text and not Razor elements: a row is ~15 shapes of ~8 attributes each, so 20 rows would be ~4,000 render-tree
/// frames that every circuit keeps twice and re-diffs on every render. As text the browser keeps it (see LiveRows): a
/// row is written once, again only when <see cref="RowKey"/> moves, and a call arriving on top moves the other rows by
/// their transform. Every text and attribute value is HTML-encoded.
/// </remarks>
internal sealed partial class TimelineSvg(TimelineLayout layout, string markerPrefix)
{
    /// <summary>A value that changes whenever <see cref="Row"/> would write something else for <paramref name="row"/>.</summary>
    public int RowKey(TimelineRow row, IReadOnlyList<TimelineShape> shapes)
    {
        var hash = default(HashCode);
        hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(row.Call)); // a call's record is replaced at every step
        hash.Add(row.Outcome);
        hash.Add(row.Stranded); // an attribute of the row's element
        hash.Add(row.OverwrittenBy);
        hash.Add(layout.Width);
        foreach (var s in shapes)
        {
            hash.Add(s.Kind);
            hash.Add(s.Step);
            hash.Add(s.X1);
            hash.Add(s.Y1 - row.Top);
            hash.Add(s.X2);
            hash.Add(s.Y2 - row.Top);
            hash.Add(s.TargetCallId);
            hash.Add(s.Title);
        }

        return hash.ToHashCode();
    }

    /// <summary>
    /// A row's element: the call's id, stage and whether its caller is stranded as attributes, and its content in
    /// row-relative coordinates (its top at y = 0; the page places it by a <c>transform</c>, with the row's class): hit
    /// area, labels, lanes, outcome and every shape of its call.
    /// </summary>
    public string Row(TimelineRow row, IReadOnlyList<TimelineShape> shapes)
    {
        var call = row.Call;
        var id = call.CallId;
        var origin = call.Origin.ToString().ToLowerInvariant();
        var w = new Writer(row.Top);
        w.Raw("<g data-testid=\"timeline-row\" data-call-id=\"").Raw(id.ToString(CultureInfo.InvariantCulture)).Raw("\" data-stage=\"")
            .Raw(call.Stage.ToString().ToLowerInvariant()).Raw("\" data-stranded=\"").Raw(row.Stranded ? "true" : "false").Raw("\" role=\"button\" tabindex=\"0\">");
        w.Raw("<title>").Text($"#{id} {origin}: {row.Outcome} — click for timestamps").Raw("</title>");
        w.Raw("<rect class=\"hit\" x=\"4\" y=\"1\" width=\"").Num(layout.Width - 8).Raw("\" height=\"").Num(TimelineLayout.RowHeight - 2).Raw("\" rx=\"4\"/>");
        w.Raw("<text class=\"call-id\" x=\"12\" y=\"17\">#").Raw(id.ToString(CultureInfo.InvariantCulture)).Raw("</text>");
        w.Raw("<text class=\"origin\" x=\"12\" y=\"31\">").Text(origin).Raw("</text>");
        if (call.Mode == ActorMode.Naive)
        {
            w.Raw("<g><text class=\"naive-tag\" x=\"12\" y=\"42\">naive</text></g>");
        }

        foreach (var (name, lane) in Lanes)
        {
            w.Raw("<text class=\"lane-name\" x=\"").Num(layout.PlotLeft - 10).Raw("\" y=\"").Num(lane + 3).Raw("\">").Raw(name).Raw("</text>");
        }

        foreach (var (_, lane) in Lanes)
        {
            w.Raw("<line class=\"lane\" x1=\"").Num(layout.PlotLeft).Raw("\" y1=\"").Num(lane).Raw("\" x2=\"").Num(layout.PlotRight).Raw("\" y2=\"").Num(lane).Raw("\"/>");
        }

        w.Raw("<text class=\"outcome ").Raw(OutcomeClass(row)).Raw("\" x=\"").Num(layout.PlotRight + 14).Raw("\" y=\"19\">").Text(row.Outcome).Raw("</text>");
        if (row.OverwrittenBy is { } by)
        {
            w.Raw("<g><text class=\"sub\" x=\"").Num(layout.PlotRight + 14).Raw("\" y=\"33\">From overwritten by #").Raw(by.ToString(CultureInfo.InvariantCulture)).Raw("</text></g>");
        }

        foreach (var s in shapes.OrderBy(s => ZOrder(s.Kind))) // stable: the steps keep their order within a layer
        {
            Shape(w, row, s, shapes);
        }

        return w.Raw("</g>").ToString();
    }

    /// <summary>The axis title, its ticks and their grid lines.</summary>
    public string Axis()
    {
        var w = new Writer(0);
        w.Raw("<g class=\"axis\"><text class=\"axis-title\" x=\"").Num(layout.PlotLeft - 10).Raw("\" y=\"13\"><title>time since the first call of each group</title>elapsed →</text>");
        foreach (var tick in layout.Ticks)
        {
            w.Raw("<g><line class=\"grid\" x1=\"").Num(tick.X).Raw("\" y1=\"").Num(TimelineLayout.AxisHeight - 6).Raw("\" x2=\"").Num(tick.X).Raw("\" y2=\"").Num(layout.Height)
                .Raw("\"/><text x=\"").Num(tick.X).Raw("\" y=\"13\" text-anchor=\"middle\">").Text(tick.Label).Raw("</text></g>");
        }

        return w.Raw("</g>").ToString();
    }

    /// <summary>The bands behind each group of overlapping calls and the idle gaps between groups.</summary>
    public string Groups()
    {
        var w = new Writer(0);
        foreach (var group in layout.Groups)
        {
            w.Raw("<rect class=\"group\" x=\"2\" y=\"").Num(group.Top - 3).Raw("\" width=\"").Num(layout.Width - 4).Raw("\" height=\"").Num(group.Bottom - group.Top + 6).Raw("\" rx=\"6\"/>");
            if (group.IdleBefore is { } idle)
            {
                var y = group.Bottom + (TimelineLayout.GroupGap / 2);
                w.Raw("<g><line class=\"idle\" x1=\"").Num(layout.PlotLeft).Raw("\" y1=\"").Num(y).Raw("\" x2=\"").Num(layout.PlotRight).Raw("\" y2=\"").Num(y)
                    .Raw("\"/><text class=\"idle-label\" x=\"").Num(layout.PlotLeft - 10).Raw("\" y=\"").Num(y + 3).Raw("\">idle ")
                    .Text(idle < TimeSpan.FromMilliseconds(1) ? "< 1 ms" : ActorFormat.Duration(idle)).Raw("</text></g>");
            }
        }

        return w.ToString();
    }

    /// <summary>The "now" line of each group still in motion.</summary>
    public string NowLines()
    {
        var w = new Writer(0);
        foreach (var now in layout.Shapes)
        {
            if (now.Kind == ShapeKind.Now)
            {
                w.Raw("<line class=\"now\" data-kind=\"now\"").Points(now).Raw("><title>now</title></line>");
            }
        }

        return w.ToString();
    }

    /// <summary>The arrow heads the rows' lines refer to, with ids unique to one timeline on the page.</summary>
    public static string Markers(string markerPrefix) =>
        $"""<defs><marker id="{markerPrefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="head" d="M0,0 L10,5 L0,10 z"/></marker><marker id="{markerPrefix}-misrouted" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path class="head misrouted" d="M0,0 L10,5 L0,10 z"/></marker></defs>""";

    /// <summary>The <c>data-kind</c> of a shape: its kind in kebab case, e.g. <c>timeout-mark</c>.</summary>
    internal static string KindName(ShapeKind kind) => kind switch
    {
        ShapeKind.DashedWait => "dashed-wait",
        ShapeKind.StrandedWait => "stranded-wait",
        ShapeKind.Queued => "queued",
        ShapeKind.FromKept => "from-kept",
        ShapeKind.ShadedWork => "shaded-work",
        ShapeKind.Arrow => "arrow",
        ShapeKind.StepBadge => "step-badge",
        ShapeKind.TimeoutMark => "timeout-mark",
        ShapeKind.ErrorMark => "error-mark",
        ShapeKind.LateReplyDrop => "late-reply-drop",
        ShapeKind.MisroutedArrow => "misrouted-arrow",
        ShapeKind.FromOverwritten => "from-overwritten",
        ShapeKind.ResultIgnored => "result-ignored",
        ShapeKind.NeverAnswered => "never-answered",
        ShapeKind.WorkCancelled => "work-cancelled",
        ShapeKind.DeadIncarnationResult => "dead-incarnation-result",
        ShapeKind.Deadline => "deadline",
        _ => "now",
    };

    /// <summary>The class of a row's outcome text (its colour).</summary>
    internal static string OutcomeClass(TimelineRow row) => row.Call.Stage switch
    {
        CallStage.Replied => "ok",
        CallStage.Misrouted => "misrouted",
        CallStage.TimedOut => "bad",
        CallStage.Error => "misrouted",
        _ when row.Stranded => "bad",
        _ => "pending",
    };

    private static readonly (string Name, double Lane)[] Lanes =
        [("caller", TimelineLayout.CallerLane), ("actor", TimelineLayout.ActorLane), ("worker", TimelineLayout.WorkerLane)];

    /// <summary>Bands first, then lines, then arrows, then marks and badges on top.</summary>
    private static int ZOrder(ShapeKind kind) => kind switch
    {
        ShapeKind.ShadedWork or ShapeKind.FromKept or ShapeKind.Queued => 0,
        ShapeKind.DashedWait or ShapeKind.StrandedWait or ShapeKind.Deadline => 1,
        ShapeKind.Arrow or ShapeKind.LateReplyDrop => 2,
        ShapeKind.MisroutedArrow => 3,
        _ => 4,
    };

    private void Shape(Writer w, TimelineRow row, TimelineShape s, IReadOnlyList<TimelineShape> shapes)
    {
        var kind = KindName(s.Kind);
        var live = row.Call.IsEnded ? "" : " live";
        switch (s.Kind)
        {
            case ShapeKind.DashedWait or ShapeKind.StrandedWait:
                w.Open("line", $"wait{(s.Kind == ShapeKind.StrandedWait ? " stranded" : "")}{live}", kind, s).Points(s).Titled(s, "line");
                break;
            case ShapeKind.Queued or ShapeKind.FromKept:
                w.Open("line", s.Kind == ShapeKind.Queued ? "queued" : "kept", kind, s).Points(s).Titled(s, "line");
                break;
            case ShapeKind.ShadedWork:
                w.Open("rect", "work", kind, s).Raw(" x=\"").Num(s.X1).Raw("\" y=\"").Y(s.Y1 - 5).Raw("\" width=\"").Num(Math.Max(1, s.X2 - s.X1)).Raw("\" height=\"10\" rx=\"2\"").Titled(s, "rect");
                break;
            case ShapeKind.Arrow:
                var (x1, y1, x2, y2) = Trim(s, shapes);
                w.Open("line", "msg", kind, s).Raw(" marker-end=\"url(#").Raw(markerPrefix).Raw("-arrow)\" x1=\"").Num(x1).Raw("\" y1=\"").Y(y1).Raw("\" x2=\"").Num(x2).Raw("\" y2=\"").Y(y2).Raw("\"").Titled(s, "line");
                break;
            case ShapeKind.StepBadge:
                w.Mark(BadgeClass(row, s), kind, s, $"<circle r=\"6\"/><text y=\"3\">{s.Step}</text>");
                break;
            case ShapeKind.TimeoutMark:
                w.Mark("timeout-mark", kind, s, "<line class=\"timeout\" x1=\"0\" y1=\"-7\" x2=\"0\" y2=\"7\"/><line class=\"timeout\" x1=\"-3.5\" y1=\"-7\" x2=\"3.5\" y2=\"-7\"/><line class=\"timeout\" x1=\"-3.5\" y1=\"7\" x2=\"3.5\" y2=\"7\"/>");
                break;
            case ShapeKind.ErrorMark or ShapeKind.FromOverwritten:
                w.Mark(s.Kind == ShapeKind.ErrorMark ? "error-mark" : "overwritten", kind, s, "<circle r=\"5.5\"/><path d=\"M-2.5,-2.5 L2.5,2.5 M2.5,-2.5 L-2.5,2.5\"/>");
                break;
            case ShapeKind.LateReplyDrop:
                w.Raw("<g data-kind=\"").Raw(kind).Raw("\" data-call-id=\"").Raw(Id(s)).Raw("\"><title>").Text(s.Title).Raw("</title>")
                    .Raw("<path class=\"late\" d=\"M").Num(s.X1).Raw(",").Y(s.Y1).Raw(" Q").Num(s.X1 + 2).Raw(",").Y(s.Y2).Raw(" ").Num(s.X2).Raw(",").Y(s.Y2).Raw("\"/>")
                    .Raw("<path class=\"late-x\" d=\"M").Num(s.X2 - 3.5).Raw(",").Y(s.Y2 - 3.5).Raw(" L").Num(s.X2 + 3.5).Raw(",").Y(s.Y2 + 3.5)
                    .Raw(" M").Num(s.X2 + 3.5).Raw(",").Y(s.Y2 - 3.5).Raw(" L").Num(s.X2 - 3.5).Raw(",").Y(s.Y2 + 3.5).Raw("\"/></g>");
                break;
            case ShapeKind.MisroutedArrow:
                var bulge = Math.Max(22, Math.Abs(s.Y2 - s.Y1) * 0.35);
                w.Open("path", "misrouted-arrow", kind, s).Raw(" marker-end=\"url(#").Raw(markerPrefix).Raw("-misrouted)\" d=\"M").Num(s.X1).Raw(",").Y(s.Y1)
                    .Raw(" C").Num(s.X1 + bulge).Raw(",").Y(s.Y1).Raw(" ").Num(s.X2 + bulge).Raw(",").Y(s.Y2 + 6).Raw(" ").Num(s.X2 + 4).Raw(",").Y(s.Y2 + 3).Raw("\"").Titled(s, "path");
                break;
            case ShapeKind.ResultIgnored or ShapeKind.NeverAnswered:
                w.Mark(s.Kind == ShapeKind.ResultIgnored ? "ignored" : "never", kind, s, "<circle r=\"4.5\"/><line x1=\"-3.2\" y1=\"3.2\" x2=\"3.2\" y2=\"-3.2\"/>");
                break;
            case ShapeKind.WorkCancelled:
                w.Mark("cancelled", kind, s, "<rect x=\"-5\" y=\"-5\" width=\"10\" height=\"10\" rx=\"2\"/><path d=\"M-2.5,-2.5 L2.5,2.5 M2.5,-2.5 L-2.5,2.5\"/>");
                break;
            case ShapeKind.DeadIncarnationResult:
                w.Mark("dead", kind, s, "<path d=\"M0,-5.5 L5.5,0 L0,5.5 L-5.5,0 z\"/>");
                break;
            case ShapeKind.Deadline:
                w.Open("line", "deadline", kind, s).Raw(" x1=\"").Num(s.X1).Raw("\" y1=\"").Y(s.Y1 - 7).Raw("\" x2=\"").Num(s.X1).Raw("\" y2=\"").Y(s.Y1 + 7).Raw("\"").Titled(s, "line");
                break;
        }
    }

    /// <summary>An arrow shortened where it touches one of its call's badges, so its head stays visible.</summary>
    private static (double X1, double Y1, double X2, double Y2) Trim(TimelineShape s, IReadOnlyList<TimelineShape> shapes)
    {
        const double Badge = 7.5;
        var (dx, dy) = (s.X2 - s.X1, s.Y2 - s.Y1);
        var length = Math.Max(1, Math.Sqrt((dx * dx) + (dy * dy)));
        var (ux, uy) = (dx / length, dy / length);
        var start = BadgeAt(shapes, s.X1, s.Y1) ? Badge : 0;
        var end = BadgeAt(shapes, s.X2, s.Y2) ? Badge : 1;
        return (s.X1 + (ux * start), s.Y1 + (uy * start), s.X2 - (ux * end), s.Y2 - (uy * end));
    }

    private static bool BadgeAt(IReadOnlyList<TimelineShape> shapes, double x, double y)
    {
        foreach (var shape in shapes)
        {
            if (shape.Kind == ShapeKind.StepBadge && Math.Abs(shape.X1 - x) < 0.5 && Math.Abs(shape.Y1 - y) < 0.5)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The class of a step badge: step 6 takes the colour of what the caller received.</summary>
    private static string BadgeClass(TimelineRow row, TimelineShape shape) =>
        shape.Step != DeferredReplySteps.Reply.Number
            ? "badge"
            : row.Call.Stage switch
            {
                CallStage.Replied => "badge ok",
                CallStage.Misrouted => "badge misrouted",
                _ => "badge bad",
            };

    private static string Id(TimelineShape s) => s.CallId.ToString(CultureInfo.InvariantCulture);
}
