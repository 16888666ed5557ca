namespace Dashboard.Observability;

/// <summary>The Prometheus endpoint, bound from <c>Dashboard:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Metrics";

    /// <summary>Whether OpenTelemetry collects metrics and <c>/metrics</c> serves them (Prometheus text format).</summary>
    /// <value>Defaults to <see langword="true"/>. When false nothing is collected and <c>/metrics</c> answers 404.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether Blazor's per-render meter (<c>Microsoft.AspNetCore.Components.Lifecycle</c>: the duration of every
    /// component's parameter update and diff, by component type) is exported too.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    /// <remarks>It records a histogram point for every component on every render: on the live "My actor" page that was
    /// ~3 % of the server's CPU (docs/PERFORMANCE.md, "Live tab cost"). Turn it on to find a slow component.</remarks>
    public bool ComponentLifecycle { get; set; }
}
