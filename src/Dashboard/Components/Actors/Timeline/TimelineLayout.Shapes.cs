using Dashboard.Heartbeats;
using Dashboard.Services;
using static Dashboard.Components.Actors.Timeline.CallAnchors;

namespace Dashboard.Components.Actors.Timeline;

public sealed partial class TimelineLayout
{
    /// <summary>Queueing shorter than this many pixels is not worth a bar of its own.</summary>
    private const double VisibleQueue = 3;

    private void AddRowShapes(PlacedRow placed, IReadOnlyDictionary<long, PlacedRow> rows, IReadOnlyCollection<CallRecord> allCalls, long frequency)
    {
        var (row, a, toX) = placed;
        var call = row.Call;
        double yC = row.CallerY, yA = row.ActorY, yW = row.WorkerY;
        var x1 = a[Anchor.Sent]!.Value;
        var (x2, x3, x4, x5) = (a[Anchor.Handling], a[Anchor.ExternalStarted], a[Anchor.Deferred], a[Anchor.ExternalDone]);
        var (x6, xO, xL, xNever) = (a[Anchor.Ended], a[Anchor.Overwritten], a[Anchor.LateReply], a[Anchor.NeverAnswered]);
        var (xCancelled, xDead) = (a[Anchor.WorkCancelled], a[Anchor.DeadIncarnation]);
        var jobRunning = call.JobRunning;
        var replyPoint = a[Anchor.AnswerDelivered] ?? x5 + (MinStepGap / 2); // where the actor replied with this job's result

        // The caller: blocked from |1| to |6| (dashed); red once its From is gone and only the timeout can end the wait.
        if (xO is { } overwritten)
        {
            Lane(ShapeKind.DashedWait, x1, overwritten, yC, "the caller is blocked in CallAsync");
            Lane(ShapeKind.StrandedWait, overwritten, a.WaitEnd, yC, $"stranded: its From was overwritten by #{row.OverwrittenBy}; only the timeout can end this wait");
        }
        else
        {
            Lane(ShapeKind.DashedWait, x1, a.WaitEnd, yC, "the caller is blocked in CallAsync");
        }

        // |1| call → |2| take; a call that waits in the mailbox (one message at a time) lands on a grey bar first.
        var inbox = x1 + (MinStepGap / 2);
        Add(ShapeKind.StepBadge, x1, yC, x1, yC, 1);
        if (x2 is null && !call.IsEnded)
        {
            Add(ShapeKind.Arrow, x1, yC, inbox, yA, 1);
            Lane(ShapeKind.Queued, inbox, Math.Max(a.Now, inbox), yA, "in the mailbox, behind other messages");
        }
        else if (x2 is { } taken && toX(call.HandlingAt) - toX(call.SentAt) >= VisibleQueue)
        {
            Add(ShapeKind.Arrow, x1, yC, inbox, yA, 1);
            Lane(ShapeKind.Queued, inbox, taken, yA, $"in the mailbox for {Duration(call.HandlingAt - call.SentAt, frequency)}: one message at a time");
        }
        else
        {
            Add(ShapeKind.Arrow, x1, yC, x2 ?? x1 + MinStepGap, yA, 1);
        }

        if (x2 is { } take)
        {
            Add(ShapeKind.StepBadge, take, yA, take, yA, 2);
        }

        // |3| start work: the worker's lane is shaded while the job runs (asynchronous waiting).
        if (x3 is { } start)
        {
            Add(ShapeKind.Arrow, x2 ?? x1, yA, start, yW, 3);
            Add(ShapeKind.StepBadge, start, yW, start, yW, 3);
            var done = x5 ?? xNever ?? xCancelled ?? Math.Max(a.Now, start + (MinStepGap / 2));
            Lane(ShapeKind.ShadedWork, start, done, yW, jobRunning ? "external work in flight" : "external work");
        }

        if (xNever is { } never)
        {
            Mark(ShapeKind.NeverAnswered, never, yW, "the external job never reported back");
        }

        if (xCancelled is { } cancelled)
        {
            Mark(ShapeKind.WorkCancelled, cancelled, yW, "external work cancelled (caller gave up): From.CancellationToken fired, the job stopped and never reports back, so no late reply");
        }

        // |4| NoReply: the actor keeps From until it answers, loses it (naive), or the caller is long gone.
        if (x4 is { } deferred)
        {
            Add(ShapeKind.StepBadge, deferred, yA, deferred, yA, 4);
            var released = xO
                ?? (call.AnsweredWith == call.CallId ? replyPoint : call.AnsweredWith is not null ? x6 : null)
                ?? xL
                ?? (call.IsEnded && !jobRunning ? x6 : null)
                ?? a.WaitEnd;
            Lane(ShapeKind.FromKept, deferred, Math.Max(deferred, released), yA, "the actor keeps this caller's From");
        }

        if (xO is { } lost)
        {
            Add(ShapeKind.FromOverwritten, lost, yA, lost, yA, 0, row.OverwrittenBy, $"From overwritten: the one slot now holds #{row.OverwrittenBy}");
        }

        // |5| result → |6| reply; or the answer goes to someone else (misrouted), or nobody listens any more (late).
        if (x5 is { } result)
        {
            var reply = replyPoint!.Value;
            Add(ShapeKind.StepBadge, result, yW, result, yW, 5);
            if (a.At(Anchor.AnswerDelivered) is { } delivered && toX(delivered) - toX(call.ExternalDoneAt) >= VisibleQueue)
            {
                // The WorkDone message itself waited behind other messages before the actor could reply.
                Add(ShapeKind.Arrow, result, yW, result + (MinStepGap / 2), yA, 5);
                Lane(ShapeKind.Queued, result + (MinStepGap / 2), reply, yA, $"the result waited in the mailbox for {Duration(delivered - call.ExternalDoneAt, frequency)}: one message at a time");
            }
            else
            {
                Add(ShapeKind.Arrow, result, yW, reply, yA, 5);
            }

            if (call.AnsweredWith == call.CallId && x6 is { } resumed)
            {
                Add(ShapeKind.Arrow, reply, yA, resumed, yC, 6);
            }

            foreach (var receiver in rows.Values.Where(r => r.Row.Call.AnsweredWith == call.CallId && r.Row.Call.CallId != call.CallId))
            {
                var target = receiver.Anchors[Anchor.Ended]!.Value;
                Add(ShapeKind.MisroutedArrow, reply, yA, target, receiver.Row.CallerY, 0, receiver.Row.Call.CallId,
                    $"misrouted: #{call.CallId}'s answer went to #{receiver.Row.Call.CallId}, whose From was in the slot");
            }

            if (NaiveSlot.ResultIgnored(call, allCalls))
            {
                Add(ShapeKind.ResultIgnored, reply, yA, reply, yA, 0, null, "ignored: the one slot was empty (its last caller already had an answer), so this result reaches nobody");
            }

            if (xDead is { } dead)
            {
                Mark(ShapeKind.DeadIncarnationResult, dead, yA, "late result of a dead incarnation: the actor crashed and restarted while the job ran; the new incarnation answers nobody");
            }

            if (xL is { } late)
            {
                Add(ShapeKind.LateReplyDrop, reply, yA, late, yC + 4, 0, null, "late reply: the caller had timed out, the runtime dropped it");
            }
        }

        // The caller's outcome: |6| with an answer, a red end-mark at the timeout, or an error.
        if (x6 is { } end)
        {
            if (call.AnsweredWith is { } answer)
            {
                Add(ShapeKind.StepBadge, end, yC, end, yC, 6);
                if (answer != call.CallId && !rows.ContainsKey(answer))
                {
                    Add(ShapeKind.MisroutedArrow, end - MinStepGap, yA, end, yC, 0, call.CallId, $"misrouted: got the answer of #{answer} (not shown)");
                }
            }
            else if (call.Stage == CallStage.TimedOut)
            {
                Mark(ShapeKind.TimeoutMark, end, yC, $"timed out after {ActorFormat.Duration(call.Timeout)}");
            }
            else
            {
                Mark(ShapeKind.ErrorMark, end, yC, call.Result ?? "error");
            }
        }
        else
        {
            var deadline = toX(call.SentAt + (long)(call.Timeout.TotalSeconds * frequency));
            if (deadline <= PlotRight + 0.5)
            {
                Mark(ShapeKind.Deadline, deadline, yC, $"times out here ({ActorFormat.Duration(call.Timeout)})");
            }
        }

        void Lane(ShapeKind kind, double from, double to, double y, string title) => Add(kind, from, y, Math.Max(from, to), y, 0, null, title);

        void Mark(ShapeKind kind, double x, double y, string title) => Add(kind, x, y, x, y, 0, null, title);

        void Add(ShapeKind kind, double fromX, double fromY, double toX2, double toY, int step, long? target = null, string? title = null) =>
            _shapes.Add(new TimelineShape(kind, call.CallId, fromX, fromY, toX2, toY)
            {
                Step = step,
                TargetCallId = target,
                Title = title ?? StepTitle(step),
            });
    }

    /// <summary>The tooltip of a step's badge or arrow, e.g. <c>|4| NoReply: HandleCall returns NoReply…</c>; empty for shapes that are not a step.</summary>
    private static string StepTitle(int step) => step == 0 ? "" : DeferredReplySteps.Get(step).Tooltip;

    private static string Duration(long ticks, long frequency) => ActorFormat.Duration(TimeSpan.FromSeconds(ticks / (double)frequency));
}
