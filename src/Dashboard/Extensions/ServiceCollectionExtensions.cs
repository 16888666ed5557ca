using MudBlazor.Services;

namespace Dashboard.Extensions;

/// <summary>Service registrations of the dashboard, called once from <c>Program.cs</c>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers Razor components with interactive server rendering, MudBlazor, the live rows' circuit and the health
    /// checks that back <c>/healthz</c>.
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents()
            .AddInteractiveServerComponents();

        services.AddMudServices();
        services.AddScoped<Components.Shared.LiveRowsCircuit>(); // one per circuit: makes its live rows' containers

        services.AddHealthChecks();

        services.AddActors();
        services.AddOverview();
        services.AddCluster();
        services.AddOperatorTools();
        services.AddAdminSignIn();
        services.AddObservability();
        services.AddHeartbeatHub();
        services.AddVirtualUsers();

        return services;
    }
}
