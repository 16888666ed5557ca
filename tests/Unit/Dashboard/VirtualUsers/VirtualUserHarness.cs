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
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Options.Create(new HeartbeatActorOptions()));
        services.AddSingleton(Options.Create(new VirtualUserOptions { Max = max, RequestChance = 0, BurstChance = 0 }));
        services.AddSingleton(new ActorSystem(new ActorSystemOptions { MaxActors = maxActors }, Time));
        services.AddSingleton<ActorDirectory>();
        services.AddSingleton<ActorSessionFactory>();
        services.AddSingleton<VirtualUserService>();
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new();

    public VirtualUserService Users => _services.GetRequiredService<VirtualUserService>();

    public ActorSystem System => _services.GetRequiredService<ActorSystem>();

    public ActorDirectory Directory => _services.GetRequiredService<ActorDirectory>();

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
