using System.Globalization;
using Dashboard.Components.Actors.Timeline;
using Dashboard.Heartbeats;
using Dashboard.Services;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Actors;

/// <summary>
/// The live call timeline: the last calls of one actor as swimlanes (caller, actor, external worker) with
/// the six steps of the deferred reply numbered, timeouts, late replies, misrouted answers and stranded
/// callers. The geometry comes from <see cref="TimelineLayout"/>; this component only draws it.
/// </summary>
public sealed partial class CallTimeline
{
    /// <summary>The legend's six numbered steps, written once.</summary>
    private static readonly MarkupString StepLegend = new(string.Concat(DeferredReplySteps.All.Select(step =>
        $"""<span class="item"><svg width="14" height="14" viewBox="-7 -7 14 14"><g class="badge"><circle r="6"/><text y="3">{step.Number}</text></g></svg>{WebUtility.HtmlEncode(step.Word)}</span>""")));

    private static int s_instances;
    private readonly string _id = "tl" + Interlocked.Increment(ref s_instances).ToString(CultureInfo.InvariantCulture);
    private readonly Dictionary<long, RowMarkup> _rowMarkup = [];
    private MarkupString _markers;
    private MarkupString _axis;
    private MarkupString _groups;
    private MarkupString _now;
    private IReadOnlyList<TimelineRow> _rows = [];
    private string _viewBox = "";
    private string _domainMs = "";
    private long? _selected;

    /// <summary>The actor whose calls to draw. Required.</summary>
    [Parameter, EditorRequired] public ActorView View { get; set; } = null!;

    /// <summary>How many of the most recent calls to draw.</summary>
    /// <value>Defaults to <see cref="TimelineLayout.DefaultMaxCalls"/> (20).</value>
    [Parameter] public int MaxCalls { get; set; } = TimelineLayout.DefaultMaxCalls;

    /// <summary>Width of the drawing in SVG units; it scales to the panel's width, so this sets the text size relative to it.</summary>
    /// <value>Defaults to 1200.</value>
    [Parameter] public double Width { get; set; } = 1200;

    /// <summary>Raised by the "pattern &amp; caveats" button; the button shows only when this has a handler.</summary>
    [Parameter] public EventCallback OnShowCaveats { get; set; }

    /// <summary>How many row drawings were written since the component started (exposed for tests: unchanged rows are reused).</summary>
    internal int RowsWritten { get; private set; }

    /// <summary>The call whose details are shown, if one was clicked and is still drawn.</summary>
    internal CallRecord? Selected => _selected is { } id ? _rows.FirstOrDefault(r => r.Call.CallId == id)?.Call : null;

    protected override void OnParametersSet()
    {
        // Only the rows and the drawn text are kept between renders, not the layout's shapes and titles.
        var layout = TimelineLayout.Build(View.Tracker.Calls, View.Now, View.Frequency, Width, MaxCalls);
        _rows = layout.Rows;
        _viewBox = $"0 0 {F(layout.Width)} {F(layout.Height)}";
        _domainMs = F(layout.Domain.TotalMilliseconds);
        var svg = new TimelineSvg(layout, _id);
        _markers = _markers.Value is null ? new MarkupString(TimelineSvg.Markers(_id)) : _markers;
        _axis = Same(_axis, svg.Axis());
        _groups = Same(_groups, svg.Groups());
        _now = Same(_now, svg.NowLines());

        // Rows are written again only when what they draw moved; the others keep their string (a cheap diff).
        var shapesByCall = layout.Shapes.Where(s => s.Kind != ShapeKind.Now).ToLookup(s => s.CallId);
        var shown = new HashSet<long>();
        foreach (var row in layout.Rows)
        {
            var id = row.Call.CallId;
            var shapes = shapesByCall[id].ToList();
            var key = svg.RowKey(row, shapes);
            shown.Add(id);
            if (!_rowMarkup.TryGetValue(id, out var kept) || kept.Key != key)
            {
                // The click handler is kept too: a new delegate would re-register the row's handler at every render.
                _rowMarkup[id] = new RowMarkup(key, new MarkupString(svg.Row(row, shapes)), kept?.Select ?? (() => Select(id)));
                RowsWritten++;
            }
        }

        foreach (var gone in _rowMarkup.Keys.Where(id => !shown.Contains(id)).ToList())
        {
            _rowMarkup.Remove(gone);
        }
    }

    /// <summary>The string shown before when it has the same text, so the diff compares one reference.</summary>
    private static MarkupString Same(MarkupString shown, string text) => shown.Value == text ? shown : new MarkupString(text);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private void Select(long callId) => _selected = _selected == callId ? null : callId;

    /// <summary>The rows of the details table of <paramref name="call"/>: each step that happened, when, and how long after the previous one.</summary>
    internal IReadOnlyList<(string Step, string What, string At, string Delta)> Details(CallRecord call)
    {
        var steps = new List<(string Step, string What, long At)>
        {
            Step(DeferredReplySteps.Call, call.SentAt),
            Step(DeferredReplySteps.Take, call.HandlingAt),
            Step(DeferredReplySteps.StartWork, call.ExternalStartedAt),
            Step(DeferredReplySteps.NoReply, call.DeferredAt),
            Step(DeferredReplySteps.Result, call.ExternalDoneAt, call.NeverAnswered ? "external work never answered" : null),
            Step(DeferredReplySteps.Reply, call.EndedAt, Ended(call)),
            ("late", "reply dropped (caller gone)", call.LateReplyAt),
            ("✕", ActorFormat.WorkCancelledPhase, call.WorkCancelledAt),
            ("skip", ActorFormat.ExpiredPhase, call.ExpiredAt),
            ("dead", ActorFormat.DeadIncarnationPhase, call.DeadIncarnationAt),
        };
        var rows = new List<(string, string, string, string)>();
        long previous = 0;
        foreach (var (step, what, at) in steps.Where(s => s.At != 0).OrderBy(s => s.At))
        {
            rows.Add((step, what, "+" + ActorFormat.Duration(View.Between(call.SentAt, at)), previous == 0 ? "" : "+" + ActorFormat.Duration(View.Between(previous, at))));
            previous = at;
        }

        return rows;

        static (string, string, long) Step(DeferredReplyStep step, long at, string? what = null) => (step.Badge, what ?? step.Happened, at);
    }

    private static string Ended(CallRecord call) => call.Stage switch
    {
        CallStage.Replied => "caller resumed with its own answer",
        CallStage.Misrouted => $"caller resumed with #{call.AnsweredWith}'s answer (misrouted)",
        CallStage.TimedOut when ActorFormat.Hint(call) is { } hint => $"caller gave up: timeout of {ActorFormat.Duration(call.Timeout)} {TimeoutKinds.Where(call.Outcome!.TimeoutKind!.Value)} ({hint})",
        CallStage.TimedOut => $"caller gave up: timeout of {ActorFormat.Duration(call.Timeout)}",
        _ => $"caller failed: {call.Result}",
    };

    private sealed record RowMarkup(int Key, MarkupString Markup, Action Select);
}
