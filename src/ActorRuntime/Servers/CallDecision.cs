namespace ActorRuntime.Servers;

/// <summary>A <see cref="CallResult{TState}"/> without its state (the server keeps that), as the invoker carries it out.</summary>
internal readonly record struct CallDecision(CallResultKind Kind, object? Reply, string? StopReason);
