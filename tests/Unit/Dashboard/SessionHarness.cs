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

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await System.DisposeAsync();
    }
}
