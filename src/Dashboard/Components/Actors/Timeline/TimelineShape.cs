using Dashboard.Services;

namespace Dashboard.Components.Actors.Timeline;

/// <summary>What a <see cref="TimelineShape"/> depicts; the timeline draws each kind one way.</summary>
public enum ShapeKind
{
    /// <summary>Caller lane, <c>X1→X2</c>: the caller is blocked in <c>CallAsync</c> (drawn dashed).</summary>
    DashedWait,
    /// <summary>Caller lane, <c>X1→X2</c>: still blocked, but its From was overwritten — it can only time out.</summary>
    StrandedWait,
    /// <summary>Actor lane, <c>X1→X2</c>: the call waited in the mailbox behind other messages.</summary>
    Queued,
    /// <summary>Actor lane, <c>X1→X2</c>: after NoReply the actor holds the caller's From.</summary>
    FromKept,
    /// <summary>Worker lane, <c>X1→X2</c>: the external job runs — asynchronous waiting (shaded).</summary>
    ShadedWork,
    /// <summary>A message between two lanes, <c>(X1,Y1)→(X2,Y2)</c>, for <see cref="TimelineShape.Step"/> 1, 3, 5 or 6.</summary>
    Arrow,
    /// <summary>The numbered badge of <see cref="TimelineShape.Step"/> 1…6 at <c>(X1,Y1)</c>.</summary>
    StepBadge,
    /// <summary>Caller lane at <c>X1</c>: the caller gave up at its timeout (red end-mark).</summary>
    TimeoutMark,
    /// <summary>Caller lane at <c>X1</c>: the call failed without an answer (actor exited, mailbox full, cancelled).</summary>
    ErrorMark,
    /// <summary>A reply the runtime dropped because its caller had timed out: <c>(X1,Y1)→(X2,Y2)</c>, ending in ×.</summary>
    LateReplyDrop,
    /// <summary>This call's answer delivered to another caller, <see cref="TimelineShape.TargetCallId"/>: <c>(X1,Y1)</c> on this row → <c>(X2,Y2)</c> on that caller's row.</summary>
    MisroutedArrow,
    /// <summary>Actor lane at <c>X1</c>: a newer call (<see cref="TimelineShape.TargetCallId"/>) overwrote this caller's From.</summary>
    FromOverwritten,
    /// <summary>Actor lane at <c>X1</c>: the result reached a naive actor whose slot was empty; nobody gets it.</summary>
    ResultIgnored,
    /// <summary>Worker lane at <c>X1</c>: the job ended without ever reporting back.</summary>
    NeverAnswered,
    /// <summary>Worker lane at <c>X1</c>: the job stopped because its caller gave up (timed out or was cancelled); it never reports back.</summary>
    WorkCancelled,
    /// <summary>Actor lane at <c>X1</c>: the job's result reached a later incarnation of the actor (it crashed meanwhile), which answers nobody.</summary>
    DeadIncarnationResult,
    /// <summary>Caller lane at <c>X1</c>: where a waiting call will time out (when that is inside the plot).</summary>
    Deadline,
    /// <summary>The current time, a vertical line <c>(X1,Y1)→(X1,Y2)</c> across the rows of a group still in motion.</summary>
    Now,
}

/// <summary>One element of the timeline, in SVG user units (pixels of a <see cref="TimelineLayout.Width"/>-wide drawing).</summary>
/// <param name="Kind">What it depicts.</param>
/// <param name="CallId">The call whose row it belongs to (0 for <see cref="ShapeKind.Now"/>).</param>
/// <param name="X1">Start (or only) x.</param>
/// <param name="Y1">Start (or only) y.</param>
/// <param name="X2">End x; equals <paramref name="X1"/> for marks.</param>
/// <param name="Y2">End y; equals <paramref name="Y1"/> for lane segments and marks.</param>
public sealed record TimelineShape(ShapeKind Kind, long CallId, double X1, double Y1, double X2, double Y2)
{
    /// <summary>The pattern's step, 1…6, for <see cref="ShapeKind.Arrow"/> and <see cref="ShapeKind.StepBadge"/>; 0 otherwise.</summary>
    public int Step { get; init; }

    /// <summary>The other call involved: who got a misrouted answer, or whose call overwrote a From.</summary>
    public long? TargetCallId { get; init; }

    /// <summary>Hover text.</summary>
    public string Title { get; init; } = "";
}

/// <summary>One call's row: three lanes (caller, actor, external worker) stacked in <see cref="TimelineLayout.RowHeight"/>.</summary>
/// <param name="Call">The call.</param>
/// <param name="Group">Index of its <see cref="TimelineGroup"/>.</param>
/// <param name="Top">Top edge of the row.</param>
public sealed record TimelineRow(CallRecord Call, int Group, double Top)
{
    /// <summary>y of the caller's lane.</summary>
    public double CallerY => Top + TimelineLayout.CallerLane;

    /// <summary>y of the actor's lane.</summary>
    public double ActorY => Top + TimelineLayout.ActorLane;

    /// <summary>y of the external worker's lane.</summary>
    public double WorkerY => Top + TimelineLayout.WorkerLane;

    /// <summary>The naive call that overwrote this caller's From, if one did.</summary>
    public long? OverwrittenBy { get; init; }

    /// <summary>True while (or because) the caller waits for an answer that cannot come: its From was overwritten.</summary>
    public bool Stranded => OverwrittenBy is not null && Call.Stage is not (CallStage.Replied or CallStage.Misrouted or CallStage.Error);

    /// <summary>The short outcome written at the right of the row.</summary>
    public string Outcome { get; init; } = "";
}

/// <summary>Calls whose lifetimes overlap share a time origin, so their overlap shows; groups are separated by idle time.</summary>
/// <param name="Top">Top edge of its first row.</param>
/// <param name="Bottom">Bottom edge of its last row.</param>
/// <param name="IdleBefore">Idle time between the previous (older) group's end and this group's start; null for the oldest group.</param>
/// <param name="InMotion">True while one of its calls or jobs is still running.</param>
public sealed record TimelineGroup(double Top, double Bottom, TimeSpan? IdleBefore, bool InMotion);

/// <summary>A labelled tick of the time axis (time since the start of each group).</summary>
/// <param name="X">Where it is.</param>
/// <param name="Label">e.g. "0", "200 ms", "1 s".</param>
public sealed record TimelineTick(double X, string Label);
