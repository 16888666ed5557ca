namespace Dashboard.Services;

/// <summary>
/// Creates <see cref="ActorSession"/>s outside a DI scope — for owners that are not circuits (hub connections,
/// virtual users). The caller owns the session and disposes it.
/// </summary>
public sealed class ActorSessionFactory(IServiceProvider services)
{
    /// <summary>A new idle session; call <see cref="ActorSession.TryStart"/> to spawn its actor.</summary>
    public ActorSession Create() => ActivatorUtilities.CreateInstance<ActorSession>(services);
}
