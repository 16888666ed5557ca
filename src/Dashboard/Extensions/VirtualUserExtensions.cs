using Dashboard.Services;
using Dashboard.VirtualUsers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Extensions;

/// <summary>Registers the server-side virtual users.</summary>
public static class VirtualUserExtensions
{
    /// <summary>
    /// Adds the <see cref="VirtualUserService"/> singleton (also a hosted service, so every virtual user stops at
    /// shutdown) and its <see cref="VirtualUserOptions"/>, validated at start-up.
    /// </summary>
    public static IServiceCollection AddVirtualUsers(this IServiceCollection services)
    {
        services.AddOptions<VirtualUserOptions>()
            .BindConfiguration(VirtualUserOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ActorSessionFactory>();
        services.AddSingleton<VirtualUserService>();
        services.AddHostedService(provider => provider.GetRequiredService<VirtualUserService>());
        return services;
    }
}
