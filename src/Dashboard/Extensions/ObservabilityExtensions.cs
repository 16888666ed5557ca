using ActorRuntime;
using Dashboard.Observability;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Dashboard.Extensions;

/// <summary>Metrics (OpenTelemetry → Prometheus at <see cref="MetricsPath"/>), readiness and actor event logging.</summary>
public static class ObservabilityExtensions
{
    /// <summary>The Prometheus scraping endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The readiness endpoint: 200 while the node takes new actors, 503 otherwise.</summary>
    public const string ReadyPath = "/readyz";

    /// <summary>
    /// The meters exported at <see cref="MetricsPath"/>: the actor runtime, ASP.NET Core hosting and Kestrel,
    /// SignalR connections, Blazor components and circuits, routing, auth, rate limiting and the .NET runtime; plus
    /// <see cref="ComponentLifecycleMeter"/> when <see cref="MetricsOptions.ComponentLifecycle"/> is set.
    /// </summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        ActorSystem.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.SignalR",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "System.Runtime",
    ];

    /// <summary>Blazor's per-render meter, exported only on request (<see cref="MetricsOptions.ComponentLifecycle"/>).</summary>
    public const string ComponentLifecycleMeter = "Microsoft.AspNetCore.Components.Lifecycle";

    /// <summary>What <c>/healthz</c> runs: liveness only, never the <see cref="ReadinessHealthCheck.Tag"/> checks.</summary>
    public static HealthCheckOptions Liveness { get; } = new() { Predicate = check => !check.Tags.Contains(ReadinessHealthCheck.Tag) };

    /// <summary>Registers OpenTelemetry metrics with the Prometheus exporter, the readiness check and the actor event log.</summary>
    /// <remarks>With <c>Dashboard:Metrics:Enabled=false</c> the meter provider enables no meter, so nothing is measured.</remarks>
    public static IServiceCollection AddObservability(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.Section)
            .ValidateOnStart();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) =>
        {
            var options = provider.GetRequiredService<IOptions<MetricsOptions>>().Value;
            if (options.Enabled)
            {
                metrics.AddMeter([.. Meters, .. options.ComponentLifecycle ? [ComponentLifecycleMeter] : Array.Empty<string>()]);
            }
        });
        services.AddHealthChecks()
            .AddCheck<ReadinessHealthCheck>("actors", tags: [ReadinessHealthCheck.Tag]);
        services.AddHostedService<ActorEventLogger>();
        return services;
    }

    /// <summary>Maps <see cref="ReadyPath"/> and, when enabled, <see cref="MetricsPath"/>.</summary>
    public static WebApplication MapObservability(this WebApplication app)
    {
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessHealthCheck.Tag) });
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        return app;
    }
}
