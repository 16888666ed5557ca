using System.Globalization;
using Dashboard.Components.Actors.Timeline;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Actors;

/// <summary>
/// The live call timeline: the last calls of one actor as swimlanes (caller, actor, external worker) with
/// the six steps of the deferred reply numbered, timeouts, late replies, misrouted answers and stranded
/// callers. The geometry comes from <see cref="TimelineLayout"/>; this component only draws it.
/// </summary>
public sealed partial class CallTimeline
{
    private static int s_instances;
    private readonly string _id = "tl" + Interlocked.Increment(ref s_instances).ToString(CultureInfo.InvariantCulture);
    private TimelineLayout _layout = null!;
    private ILookup<long, TimelineShape> _shapesByCall = null!;
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

    /// <summary>The layout drawn last (exposed for tests).</summary>
    internal TimelineLayout Layout => _layout;

    /// <summary>The call whose details are shown, if one was clicked and is still drawn.</summary>
    internal CallRecord? Selected => _selected is { } id ? _layout.Rows.FirstOrDefault(r => r.Call.CallId == id)?.Call : null;

    protected override void OnParametersSet()
    {
        _layout = TimelineLayout.Build(View.Tracker.Calls, View.Now, View.Frequency, Width, MaxCalls);
        _shapesByCall = _layout.Shapes.Where(s => s.Kind != ShapeKind.Now).OrderBy(s => ZOrder(s.Kind)).ToLookup(s => s.CallId);
    }

    private IEnumerable<TimelineShape> ShapesOf(long callId) => _shapesByCall[callId];

    /// <summary>Bands first, then lines, then arrows, then marks and badges on top.</summary>
    private static int ZOrder(ShapeKind kind) => kind switch
    {
        ShapeKind.ShadedWork or ShapeKind.FromKept or ShapeKind.Queued => 0,
        ShapeKind.DashedWait or ShapeKind.StrandedWait or ShapeKind.Deadline => 1,
        ShapeKind.Arrow or ShapeKind.LateReplyDrop => 2,
        ShapeKind.MisroutedArrow => 3,
        _ => 4,
    };

    /// <summary>An arrow shortened where it touches one of its call's badges, so its head stays visible.</summary>
    private (double X1, double Y1, double X2, double Y2) Trim(TimelineShape s)
    {
        const double Badge = 7.5;
        var (dx, dy) = (s.X2 - s.X1, s.Y2 - s.Y1);
        var length = Math.Max(1, Math.Sqrt((dx * dx) + (dy * dy)));
        var (ux, uy) = (dx / length, dy / length);
        var start = BadgeAt(s.CallId, s.X1, s.Y1) ? Badge : 0;
        var end = BadgeAt(s.CallId, s.X2, s.Y2) ? Badge : 1;
        return (s.X1 + (ux * start), s.Y1 + (uy * start), s.X2 - (ux * end), s.Y2 - (uy * end));
    }

    private bool BadgeAt(long callId, double x, double y)
    {
        foreach (var shape in _shapesByCall[callId])
        {
            if (shape.Kind == ShapeKind.StepBadge && Math.Abs(shape.X1 - x) < 0.5 && Math.Abs(shape.Y1 - y) < 0.5)
            {
                return true;
            }
        }

        return false;
    }

    private void Select(long callId) => _selected = _selected == callId ? null : callId;

    private string Ref(string name) => $"url(#{_id}-{name})";

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

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
    private static string OutcomeClass(TimelineRow row) => row.Call.Stage switch
    {
        CallStage.Replied => "ok",
        CallStage.Misrouted => "misrouted",
        CallStage.TimedOut => "bad",
        CallStage.Error => "misrouted",
        _ when row.Stranded => "bad",
        _ => "pending",
    };

    /// <summary>The class of a step badge: step 6 takes the colour of what the caller received.</summary>
    private string BadgeClass(TimelineShape shape)
    {
        if (shape.Step != DeferredReplySteps.Reply.Number)
        {
            return "badge";
        }

        var call = _layout.Rows.First(r => r.Call.CallId == shape.CallId).Call;
        return call.Stage switch
        {
            CallStage.Replied => "badge ok",
            CallStage.Misrouted => "badge misrouted",
            _ => "badge bad",
        };
    }

    /// <summary>A path for a misrouted answer: a curve bulging right, so it reads as leaving its own row.</summary>
    private static string MisroutedPath(TimelineShape s)
    {
        var bulge = Math.Max(22, Math.Abs(s.Y2 - s.Y1) * 0.35);
        return $"M{F(s.X1)},{F(s.Y1)} C{F(s.X1 + bulge)},{F(s.Y1)} {F(s.X2 + bulge)},{F(s.Y2 + 6)} {F(s.X2 + 4)},{F(s.Y2 + 3)}";
    }

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
