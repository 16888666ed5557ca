using Dashboard.Cluster;
using Dashboard.Components;
using Dashboard.Operations;
using Dashboard.Services;
using Microsoft.Extensions.Options;

namespace Dashboard.Extensions;

/// <summary>The dashboard's HTTP pipeline and endpoints, called once from <c>Program.cs</c>.</summary>
public static class WebApplicationExtensions
{
    /// <summary>The path of the liveness endpoint (also probed by the Docker <c>HEALTHCHECK</c>).</summary>
    public const string HealthPath = "/healthz";

    /// <summary>
    /// Adds the middleware and maps the endpoints: forwarded headers from known proxies, static assets,
    /// <see cref="HealthPath"/>, the peer drill-down endpoint of the cluster and the Blazor app.
    /// </summary>
    /// <remarks>
    /// There is no HTTPS redirection and no HSTS: the app serves plain HTTP on loopback (or on port 8080
    /// inside a container); TLS, when wanted, belongs to the reverse proxy in front of it.
    /// </remarks>
    public static WebApplication UseDashboardPipeline(this WebApplication app)
    {
        app.UseForwardedHeadersFromKnownProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAdminSignIn();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks(HealthPath, ObservabilityExtensions.Liveness);
        app.MapObservability();
        app.MapAdminSignOut();
        app.MapOperatorEndpoints();
        app.MapPeerActors();
        var compression = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.CircuitCompression;
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(server =>
            {
                // A callback (rather than DisableWebSocketCompression) keeps the frame-ancestors 'self' policy either way.
                server.ConfigureWebSocketAcceptContext = (_, accept) =>
                {
                    accept.DangerousEnableCompression = compression;
                    return Task.CompletedTask;
                };
            });
        app.MapHeartbeatHub();

        return app;
    }
}
