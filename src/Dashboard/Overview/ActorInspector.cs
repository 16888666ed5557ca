using ActorRuntime;
using Dashboard.Heartbeats;
using Dashboard.Services;

namespace Dashboard.Overview;

/// <summary>
/// Builds the read-only <see cref="ActorView"/> of any actor on the node for the drill-down page: the owner
/// session's full view when the actor belongs to one, otherwise what the runtime knows of it.
/// </summary>
public sealed class ActorInspector(ActorSystem system, ActorDirectory directory)
{
    private static readonly TrackerSnapshot NoCalls = new([], new ActorCounters(), new LatencyPercentiles(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0), null, 0);
    private static readonly ExternalWorkStats NoExternalWork = new(0, 0, 0, 0, 0, []);

    /// <summary>
    /// The actor's view now, or null when <paramref name="pid"/> is not alive. <paramref name="history"/> is the
    /// caller's own mailbox history, sampled here for actors without a session (a session keeps its own).
    /// </summary>
    public ActorView? Inspect(Pid pid, MailboxHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (directory.Find(pid) is { } session && session.Pid == pid)
        {
            var view = session.Snapshot();
            return view.Info is null ? null : view;
        }

        if (system.GetInfo(pid) is not { } info)
        {
            return null;
        }

        history.Sample(info.QueueDepth);
        return new ActorView
        {
            Pid = pid,
            Owner = Enum.TryParse<OwnerKind>(info.Owner, ignoreCase: true, out var owner) ? owner : OwnerKind.Virtual,
            Mode = info.Name == nameof(NaiveHeartbeatActor) ? ActorMode.Naive : ActorMode.Correct,
            State = SessionState.Running,
            Info = info,
            Health = HeartbeatHealth.Waiting,
            Tracker = NoCalls,
            External = NoExternalWork,
            Settings = new ExternalWorkSettings(),
            CallTimeout = TimeSpan.Zero,
            MailboxHistory = history.Snapshot(),
            Now = system.Time.GetTimestamp(),
            Frequency = system.Time.TimestampFrequency,
        };
    }
}
