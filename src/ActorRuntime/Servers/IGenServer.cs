using ActorRuntime.Processes;
using ActorRuntime.Servers;

namespace ActorRuntime;

/// <summary>
/// A process body that <see cref="ActorSystem.Spawn"/> can run. Implement it by deriving from
/// <see cref="GenServer{TState}"/>; its members are the runtime's own plumbing.
/// </summary>
/// <remarks>
/// Each member runs one user callback with the state the server keeps and stores the state it returns;
/// <c>Processes/CallbackInvoker.cs</c> calls them and carries out what a call decided.
/// </remarks>
public interface IGenServer
{
    /// <summary>Binds the server to its process. Called once, by <see cref="ActorSystem.Spawn"/>.</summary>
    internal void Attach(ActorProcess process);

    /// <summary>Runs <c>InitAsync</c> and keeps the state it returns.</summary>
    internal ValueTask RunInitAsync(CancellationToken cancellationToken);

    /// <summary>Runs <c>HandleCallAsync</c>, keeps its state and returns the rest of its result.</summary>
    internal ValueTask<CallDecision> RunCallAsync(object request, From from);

    /// <summary>Runs <c>HandleCastAsync</c> and keeps its state.</summary>
    internal ValueTask RunCastAsync(object message);

    /// <summary>Runs <c>HandleInfoAsync</c> and keeps its state.</summary>
    internal ValueTask RunInfoAsync(object message);

    /// <summary>Runs <c>TerminateAsync</c> with the last state.</summary>
    internal ValueTask RunTerminateAsync(string reason);

    /// <summary>The server's <see cref="IDescribeState{TState}"/> view of its state; null when it does not opt in. On the loop, between messages.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>>? RunDescribeState();
}
