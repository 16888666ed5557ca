using System.Collections.Concurrent;
using ActorRuntime;

namespace Dashboard.Services;

/// <summary>Which session owns which pid — how the overview and the drill-down find an actor's owner data.</summary>
public sealed class ActorDirectory
{
    private readonly ConcurrentDictionary<Pid, ActorSession> _sessions = new();

    /// <summary>The session owning <paramref name="pid"/>, if any.</summary>
    public ActorSession? Find(Pid pid) => _sessions.GetValueOrDefault(pid);

    /// <summary>Every registered session.</summary>
    public ICollection<ActorSession> Sessions => _sessions.Values;

    /// <summary>Sessions per owner kind.</summary>
    public int Count(OwnerKind owner) => _sessions.Values.Count(session => session.Owner == owner);

    internal void Register(Pid pid, ActorSession session) => _sessions[pid] = session;

    internal void Unregister(Pid pid, ActorSession session) =>
        _sessions.TryRemove(new KeyValuePair<Pid, ActorSession>(pid, session));
}
