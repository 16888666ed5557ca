using ActorRuntime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Observability;

/// <summary>
/// <c>/readyz</c>: the node is ready while it is not shutting down (the actor system takes spawns) and runs
/// fewer actors than <see cref="ActorSystemOptions.MaxActors"/>, so a new tab would get an actor.
/// </summary>
internal sealed class ReadinessHealthCheck(ActorSystem system, IHostApplicationLifetime lifetime) : IHealthCheck
{
    /// <summary>The tag of the checks that <c>/readyz</c> runs and <c>/healthz</c> (liveness) skips.</summary>
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var live = system.ActorCount;
        var max = system.Options.MaxActors;
        var data = new Dictionary<string, object> { ["live"] = live, ["max"] = max };
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The node is shutting down and takes no new actors.", data: data));
        }

        return Task.FromResult(live >= max
            ? HealthCheckResult.Unhealthy($"The node is at its limit of {max} actors; new tabs get none.", data: data)
            : HealthCheckResult.Healthy($"{live} of {max} actors.", data));
    }
}
