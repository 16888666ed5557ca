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

    /// <summary>Waits (without sleeping on the fake clock) until <paramref name="condition"/> holds.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System); // lets thread-pool work run; not a timing assumption
        }
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
