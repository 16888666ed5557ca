using Dashboard.Operations;

namespace Dashboard.Extensions;

/// <summary>Registers the operator's tools: actions, inspection and the bounded trace.</summary>
public static class OperatorServiceCollectionExtensions
{
    /// <summary>Adds the scoped <see cref="ActorOperations"/> (one per circuit or request: it checks that scope's user).</summary>
    public static IServiceCollection AddOperatorTools(this IServiceCollection services)
    {
        services.AddScoped<ActorOperations>();
        return services;
    }
}
