using ActorRuntime;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Unit.Dashboard;

/// <summary>A real <see cref="ActorSystem"/> on a <see cref="FakeTimeProvider"/> with one started <see cref="ActorSession"/>.</summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    public SessionHarness(HeartbeatActorOptions? options = null, int maxActors = 100)
    {
        Options = options ?? new HeartbeatActorOptions { ExternalLatency = TimeSpan.FromMilliseconds(200), FloodMessageCost = TimeSpan.Zero };
        System = new ActorSystem(new ActorSystemOptions { MaxActors = maxActors }, Time);
        Session = NewSession();
        Assert.True(Session.TryStart(OwnerKind.Tab));
        Session.Worker.Settings = Session.Worker.Settings with { Jitter = 0 };
    }

    public FakeTimeProvider Time { get; } = new();

    public ActorSystem System { get; }

    public ActorDirectory Directory { get; } = new();

    public HeartbeatActorOptions Options { get; }

    public ActorSession Session { get; }

    public ActorSession NewSession() =>
        new(System, Microsoft.Extensions.Options.Options.Create(Options), Directory, NullLogger<ActorSession>.Instance);

    /// <summary>Waits (without sleeping) until <paramref name="condition"/> holds, checking on each actor event and timer turn.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for: {what}");
            }

            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System); // lets thread-pool work run; not a timing assumption
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await System.DisposeAsync();
    }
}
