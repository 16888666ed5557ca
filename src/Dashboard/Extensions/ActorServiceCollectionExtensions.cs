using ActorRuntime;
using Dashboard.Circuits;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Extensions;

/// <summary>Registers the actor system and the per-tab actor glue.</summary>
public static class ActorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the node's <see cref="ActorSystem"/> (singleton, disposed at shutdown), the
    /// <see cref="ActorDirectory"/>, a scoped <see cref="ActorSession"/> per circuit and the circuit
    /// handler that starts and stops it. Options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddActors(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<HeartbeatActorOptions>()
            .BindConfiguration(HeartbeatActorOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => !options.Validate().Any(), "Invalid Heartbeat settings; see the README's configuration table.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new ActorSystem(
            new ActorSystemOptions { MaxActors = provider.GetRequiredService<IOptions<DashboardOptions>>().Value.MaxActors },
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ActorDirectory>();
        services.AddScoped<ActorSession>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, ActorCircuitHandler>());
        services.AddOptions<CircuitOptions>()
            .Configure<IOptions<DashboardOptions>>((circuit, dashboard) =>
                circuit.DisconnectedCircuitRetentionPeriod = dashboard.Value.DisconnectedCircuitRetention);
        return services;
    }
}
