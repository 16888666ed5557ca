using System.Globalization;
using Dashboard.Components.Actors.Timeline;
using Dashboard.Heartbeats;
using Dashboard.Services;
using System.Net;
using Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Actors;

/// <summary>
/// The live call timeline: the last calls of one actor as swimlanes (caller, actor, external worker) with
/// the six steps of the deferred reply numbered, timeouts, late replies, misrouted answers and stranded
/// callers. The geometry comes from <see cref="TimelineLayout"/>; this component only draws it.
/// </summary>
public sealed partial class CallTimeline
{
    /// <summary>Everything the timeline shows: the calls (by identity, with the moment while one moves), the selected call.</summary>
    public readonly record struct ShownState(CallsShown Calls, long? Selected);

    /// <summary>The legend, written once: the six numbered steps, then the marks (one markup frame, not one per item).</summary>
    private static readonly MarkupString Legend = new(string.Concat(DeferredReplySteps.All.Select(step =>
        $"""<span class="item"><svg width="14" height="14" viewBox="-7 -7 14 14"><g class="badge"><circle r="6"/><text y="3">{step.Number}</text></g></svg>{WebUtility.HtmlEncode(step.Word)}</span>""")) +
        """<span class="sep"></span><span class="item"><svg width="26" height="10"><line class="wait" x1="1" y1="5" x2="25" y2="5" /></svg>caller blocked</span><span class="item"><svg width="26" height="10"><rect class="work" x="1" y="1" width="24" height="8" rx="2" /></svg>external work (async)</span><span class="item"><svg width="26" height="10"><line class="kept" x1="3" y1="5" x2="23" y2="5" /></svg>From kept</span><span class="item"><svg width="26" height="10"><line class="queued" x1="4" y1="5" x2="22" y2="5" /></svg>in mailbox</span><span class="item"><svg width="12" height="16"><line class="timeout" x1="6" y1="2" x2="6" y2="14" /></svg>timeout</span><span class="item"><svg width="14" height="14" viewBox="-7 -7 14 14"><path class="late-x" d="M-4,-4 L4,4 M4,-4 L-4,4" /></svg>late reply dropped</span><span class="item"><svg width="26" height="12"><path class="misrouted-arrow" d="M1,10 C12,10 14,2 25,2" /></svg>misrouted answer</span><span class="item"><svg width="26" height="10"><line class="wait stranded" x1="1" y1="5" x2="25" y2="5" /></svg>stranded caller</span><span class="item"><svg width="14" height="14" viewBox="-7 -7 14 14"><g class="overwritten"><circle r="5.5" /><path d="M-2.5,-2.5 L2.5,2.5 M2.5,-2.5 L-2.5,2.5" /></g></svg>From overwritten</span><span class="item"><svg width="14" height="14" viewBox="-7 -7 14 14"><g class="ignored"><circle r="4.5" /><line x1="-3.2" y1="3.2" x2="3.2" y2="-3.2" /></g></svg>result ignored</span><span class="item"><svg width="14" height="14" viewBox="-7 -7 14 14"><g class="cancelled"><rect x="-5" y="-5" width="10" height="10" rx="2" /><path d="M-2.5,-2.5 L2.5,2.5 M2.5,-2.5 L-2.5,2.5" /></g></svg>external work cancelled (caller gave up)</span><span class="item"><svg width="14" height="14" viewBox="-7 -7 14 14"><g class="dead"><path d="M0,-5.5 L5.5,0 L0,5.5 L-5.5,0 z" /></g></svg>late result of a dead incarnation</span>""");

    /// <summary>The caveats button's icon and label.</summary>
    private static readonly MarkupString CaveatsLabel = new(
        $"""<span class="mud-button-label"><span class="mud-button-icon-start mud-button-icon-size-small">{PlainMud.Icon(Icons.Material.Outlined.MenuBook, Size.Small).Value}</span>The pattern &amp; its caveats</span>""");

    private static int s_instances;
    private readonly string _id = "tl" + Interlocked.Increment(ref s_instances).ToString(CultureInfo.InvariantCulture);
    private LiveRows _rows = null!;
    private IReadOnlyList<TimelineRow> _shown = [];
    private string _viewBox = "";
    private string _domainMs = "";
    private long? _selected;

    [Inject] private LiveRowsCircuit LiveRowsCircuit { get; set; } = null!;

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

    /// <summary>How many calls' rows were written since the component started (exposed for tests: unchanged rows are reused).</summary>
    internal int RowsWritten { get; private set; }

    /// <summary>The call whose details are shown, if one was clicked and is still drawn.</summary>
    internal CallRecord? Selected => _selected is { } id ? _shown.FirstOrDefault(r => r.Call.CallId == id)?.Call : null;

    protected override void OnInitialized() => _rows = LiveRowsCircuit.Open(_id + "-drawing", "g", "drawing", Redraw);

    // The calls are laid out again only when what they show moved (the page re-renders for other panels too).
    protected override void OnShownChanged() => Draw();

    protected override ShownState Shown() => new(CallsShown.Of(View), _selected);

    /// <summary>
    /// A row was clicked in the browser (live-rows.js fires <c>change</c> on the panel, the row's key as its value):
    /// shows its call's details, or hides them when they were shown.
    /// </summary>
    private void SelectRow(ChangeEventArgs row)
    {
        if (long.TryParse(row.Value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var callId))
        {
            Select(callId);
        }
    }

    private void Select(long callId)
    {
        _selected = _selected == callId ? null : callId;
        Prepare();
    }

    /// <summary>
    /// Lays the calls out and queues the drawing's patch: the arrow heads, the axis and the groups' bands under the
    /// calls' rows, the "now" lines over them. The circuit keeps the rows shown and the drawing's hashes, not its SVG.
    /// </summary>
    private void Draw()
    {
        var layout = TimelineLayout.Build(View.Tracker.Calls, View.Now, View.Frequency, Width, MaxCalls);
        _shown = layout.Rows;
        _viewBox = $"0 0 {F(layout.Width)} {F(layout.Height)}";
        _domainMs = F(layout.Domain.TotalMilliseconds);
        if (layout.Rows.Count == 0)
        {
            _rows.Forget(); // the drawing leaves the page with its last row; a new one starts empty
            return;
        }

        // A row is written again only when what it draws changed; a call arriving on top moves the others by their transform.
        var svg = new TimelineSvg(layout, _id);
        var shapesByCall = layout.Shapes.Where(s => s.Kind != ShapeKind.Now).ToLookup(s => s.CallId);
        List<LiveRow> drawing = [Part("defs", TimelineSvg.Markers(_id)), Part("axis", svg.Axis()), Part("groups", string.Concat("<g class=\"groups\">", svg.Groups(), "</g>"))];
        foreach (var row in layout.Rows)
        {
            var id = row.Call.CallId;
            var shapes = shapesByCall[id].ToList();
            drawing.Add(new LiveRow(
                id.ToString(CultureInfo.InvariantCulture),
                svg.RowKey(row, shapes),
                () =>
                {
                    RowsWritten++;
                    return svg.Row(row, shapes);
                },
                ("class", id == _selected ? "row selected" : "row"),
                ("transform", $"translate(0,{F(row.Top)})")));
        }

        drawing.Add(Part("now", string.Concat("<g class=\"now-lines\">", svg.NowLines(), "</g>")));
        _rows.Show(drawing);

        static LiveRow Part(string key, string html) => new(key, StringComparer.Ordinal.GetHashCode(html), () => html);
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

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
}
