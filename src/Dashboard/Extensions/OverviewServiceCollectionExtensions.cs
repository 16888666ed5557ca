using Dashboard.Overview;

namespace Dashboard.Extensions;

/// <summary>Registers the operator overview's index and its refresh loop.</summary>
public static class OverviewServiceCollectionExtensions
{
    /// <summary>
    /// Adds the singleton <see cref="OverviewService"/> (created at start-up, so the totals charts fill from the
    /// first second), the loop that refreshes it and the <see cref="ActorInspector"/> of the drill-down page.
    /// </summary>
    public static IServiceCollection AddOverview(this IServiceCollection services)
    {
        services.AddOptions<OverviewOptions>()
            .BindConfiguration(OverviewOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<OverviewService>();
        services.AddSingleton<ActorInspector>();
        services.AddHostedService<OverviewRefreshLoop>();
        return services;
    }
}
