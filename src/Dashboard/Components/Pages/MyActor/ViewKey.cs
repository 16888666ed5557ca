using ActorRuntime;
using Dashboard.Components.Actors;
using Dashboard.Heartbeats;
using Dashboard.Services;

namespace Dashboard.Components.Pages.MyActor;

/// <summary>
/// What the "My actor" page shows, reduced to values that compare equal when nothing visible changed: the page
/// renders only when its key moved; the timeline and the deferred calls only when their part of it did (the other
/// panels compare what they show themselves, see <see cref="RendersOnChange{TShown}"/>).
/// </summary>
/// <param name="CallsVersion">The session's <see cref="SessionChanges.CallsVersion"/>, read before the snapshot.</param>
/// <param name="Calls">The calls shown, by identity: a call's record is replaced whenever the call moves a step.</param>
/// <param name="Status">The status chip's text.</param>
/// <param name="QueueDepth">Mailbox depth.</param>
/// <param name="HandleTimeP99">The actor's handle time p99 (messages move it; the mailbox's own events are not shown).</param>
/// <param name="DeferredCalls">Callers the actor keeps.</param>
/// <param name="Health">Heartbeat health (it moves with time alone).</param>
/// <param name="HistoryHash">The mailbox chart's 60 values (they scroll with time alone while any is non-zero).</param>
/// <param name="RestartNotice">Whether the ten-second restart notice shows.</param>
/// <param name="LiveNow">The snapshot's moment while a call is in flight (its elapsed time moves), else 0.</param>
internal readonly record struct ViewKey(
    long CallsVersion,
    int Calls,
    string Status,
    int QueueDepth,
    TimeSpan? HandleTimeP99,
    int DeferredCalls,
    HeartbeatHealth Health,
    int HistoryHash,
    bool RestartNotice,
    long LiveNow)
{
    /// <summary>Whether a call is in flight: its bars and wait lines move with time.</summary>
    public bool Moving => LiveNow != 0;

    /// <summary>Whether the chart still has a non-zero second in its window (it scrolls each second).</summary>
    public bool ChartMoving => HistoryHash != EmptyHistoryHash;

    /// <summary>Whether the actor is between states the events do not announce (busy → idle, a draining mailbox).</summary>
    public bool Settling => QueueDepth > 0 || Status is "busy" or "starting" or "crashed-restarting";

    private static readonly int EmptyHistoryHash = MailboxHistory.Hash(new int[MailboxHistory.Seconds]);

    public static ViewKey Of(ActorView view, long callsVersion, bool restartNotice) => new(
        callsVersion,
        CallsShown.Identity(view.Tracker.Calls),
        ActorFormat.Status(view),
        view.Info?.QueueDepth ?? 0,
        view.Info?.HandleTimeP99,
        view.Info?.DeferredCalls ?? 0,
        view.Health,
        MailboxHistory.Hash(view.MailboxHistory),
        restartNotice,
        CallsShown.AnyInFlight(view.Tracker.Calls) ? view.Now : 0);
}
