namespace ActorRuntime.Benchmarks.Runtimes;

/// <summary>What the external work reports back to the deferred actor: which waiting call it answers.</summary>
/// <param name="Id">The key under which the actor stored the waiting caller.</param>
public sealed record WorkDone(long Id);
