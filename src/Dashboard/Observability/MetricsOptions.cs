namespace Dashboard.Observability;

/// <summary>The Prometheus endpoint, bound from <c>Dashboard:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Metrics";

    /// <summary>Whether OpenTelemetry collects metrics and <c>/metrics</c> serves them (Prometheus text format).</summary>
    /// <value>Defaults to <see langword="true"/>. When false nothing is collected and <c>/metrics</c> answers 404.</value>
    public bool Enabled { get; set; } = true;
}
