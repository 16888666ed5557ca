using ActorRuntime.Processes;

namespace ActorRuntime;

/// <summary>
/// A process body that <see cref="ActorSystem.Spawn"/> can run. Implement it by deriving from
/// <see cref="GenServer{TState}"/>; its members are the runtime's own plumbing.
/// </summary>
public interface IGenServer
{
    /// <summary>Binds the server to its process. Called once, by <see cref="ActorSystem.Spawn"/>.</summary>
    internal void Attach(ActorProcess process);

    internal ValueTask InitCoreAsync(CancellationToken cancellationToken);

    internal ValueTask<CallDecision> HandleCallCoreAsync(object request, From from);

    internal ValueTask HandleCastCoreAsync(object message);

    internal ValueTask HandleInfoCoreAsync(object message);

    internal ValueTask TerminateCoreAsync(string reason);
}

/// <summary>A <see cref="CallResult{TState}"/> without its state, as the process loop needs it.</summary>
internal readonly record struct CallDecision(CallResultKind Kind, object? Reply, string? StopReason);
