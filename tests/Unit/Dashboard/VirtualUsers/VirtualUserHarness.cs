using ActorRuntime;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Dashboard.VirtualUsers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Unit.Dashboard.VirtualUsers;

/// <summary>A <see cref="VirtualUserService"/> over a real <see cref="ActorSystem"/> on a <see cref="FakeTimeProvider"/>.</summary>
internal sealed class VirtualUserHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public VirtualUserHarness(int max, int maxActors = 100)
    {
        var services = new ServiceCollection();
        AddVirtualUsers(services, Time, new ActorSystem(new ActorSystemOptions { MaxActors = maxActors }, Time), new ActorDirectory(),
            new VirtualUserOptions { Max = max, RequestChance = 0, BurstChance = 0 });
        _services = services.BuildServiceProvider();
    }

    /// <summary>Registers a <see cref="VirtualUserService"/> and what it needs, over <paramref name="system"/> on <paramref name="time"/>.</summary>
    public static IServiceCollection AddVirtualUsers(
        IServiceCollection services, TimeProvider time, ActorSystem system, ActorDirectory directory, VirtualUserOptions options) => services
        .AddLogging()
        .AddSingleton(time)
        .AddSingleton(Options.Create(new HeartbeatActorOptions()))
        .AddSingleton(Options.Create(options))
        .AddSingleton(system)
        .AddSingleton(directory)
        .AddSingleton<ActorSessionFactory>()
        .AddSingleton<VirtualUserService>();

    public FakeTimeProvider Time { get; } = new();

    public VirtualUserService Users => _services.GetRequiredService<VirtualUserService>();

    public ActorSystem System => _services.GetRequiredService<ActorSystem>();

    public ActorDirectory Directory => _services.GetRequiredService<ActorDirectory>();

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
