using Dashboard.Services;

namespace Dashboard.Components.Actors.Timeline;

/// <summary>
/// Where one call's events sit on the x axis. Events that happen microseconds apart (send, take, start,
/// NoReply) would share one pixel, so each is pushed at least <see cref="TimelineLayout.MinStepGap"/> right
/// of the one before it, in the order they happened — the drawing keeps the order and stays readable.
/// </summary>
internal sealed class CallAnchors
{
    private readonly Dictionary<Anchor, double> _x = [];
    private readonly Dictionary<Anchor, long> _at = [];

    /// <summary>The events of a call, in the order used to break timestamp ties.</summary>
    internal enum Anchor
    {
        Sent,
        Handling,
        ExternalStarted,
        Deferred,
        Overwritten,
        ExternalDone,
        NeverAnswered,
        AnswerDelivered,
        Ended,
        WorkCancelled,
        LateReply,
        DeadIncarnation,
    }

    private CallAnchors(double now) => Now = now;

    /// <summary>x of the current time (the right end of whatever still runs).</summary>
    public double Now { get; }

    /// <summary>Where the caller's lane ends: its outcome, or now (never left of the last event) while it waits.</summary>
    public double WaitEnd { get; private set; }

    /// <summary>x of an event, or null when it has not happened.</summary>
    public double? this[Anchor anchor] => _x.TryGetValue(anchor, out var x) ? x : null;

    /// <summary>The timestamp of an event, or null when it has not happened.</summary>
    public long? At(Anchor anchor) => _at.TryGetValue(anchor, out var at) ? at : null;

    /// <summary>Places the events of <paramref name="call"/> with <paramref name="toX"/>, keeping them in order and apart.</summary>
    /// <param name="call">The call.</param>
    /// <param name="overwrittenAt">When a newer naive call overwrote its From (0 when none did).</param>
    /// <param name="answerDeliveredAt">When the actor replied with this call's result, to this caller or another (0 when it did not).</param>
    /// <param name="now">The current timestamp.</param>
    /// <param name="toX">Maps a timestamp to x.</param>
    /// <param name="left">Leftmost x allowed.</param>
    /// <param name="right">Rightmost x allowed.</param>
    public static CallAnchors Place(CallRecord call, long overwrittenAt, long answerDeliveredAt, long now, Func<long, double> toX, double left, double right)
    {
        var events = new List<(Anchor Anchor, long At)> { (Anchor.Sent, call.SentAt) };
        Add(Anchor.Handling, call.HandlingAt);
        Add(Anchor.ExternalStarted, call.ExternalStartedAt);
        Add(Anchor.Deferred, call.DeferredAt);
        Add(Anchor.Overwritten, overwrittenAt);
        Add(call.NeverAnswered ? Anchor.NeverAnswered : Anchor.ExternalDone, call.ExternalDoneAt);
        Add(Anchor.AnswerDelivered, call.ExternalDoneAt == 0 ? 0 : answerDeliveredAt);
        Add(Anchor.Ended, call.EndedAt);
        Add(Anchor.WorkCancelled, call.WorkCancelledAt);
        Add(Anchor.LateReply, call.LateReplyAt);
        Add(Anchor.DeadIncarnation, call.DeadIncarnationAt);
        events.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Anchor.CompareTo(b.Anchor));

        var xs = events.Select(e => Math.Clamp(toX(e.At), left, right)).ToArray();
        for (var i = 1; i < xs.Length; i++)
        {
            xs[i] = Math.Max(xs[i], xs[i - 1] + TimelineLayout.MinStepGap);
        }

        xs[^1] = Math.Min(xs[^1], right);
        for (var i = xs.Length - 2; i >= 0; i--)
        {
            xs[i] = Math.Min(xs[i], xs[i + 1] - TimelineLayout.MinStepGap); // pushed past the edge: pull back, keep the gaps
        }

        var anchors = new CallAnchors(Math.Clamp(toX(now), left, right));
        for (var i = 0; i < xs.Length; i++)
        {
            anchors._x[events[i].Anchor] = xs[i];
            anchors._at[events[i].Anchor] = events[i].At;
        }

        anchors.WaitEnd = anchors[Anchor.Ended] ?? Math.Max(anchors.Now, xs[^1] + (TimelineLayout.MinStepGap / 2));
        return anchors;

        void Add(Anchor anchor, long at)
        {
            if (at != 0)
            {
                events.Add((anchor, at));
            }
        }
    }
}
