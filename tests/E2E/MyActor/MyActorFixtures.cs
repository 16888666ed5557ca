using E2E.Infrastructure;

namespace E2E.MyActor;

/// <summary>A server whose tabs send no heartbeat during a test, so call counts come from the test alone.</summary>
/// <remarks>A flood message costs 0.5 ms, so 5,000 queued ones stay visible for ~2.5 s even when a loaded machine renders slowly.</remarks>
public sealed class QuietHeartbeatFixture() : DashboardFixture(Settings.QuietHeartbeat(new() { ["Heartbeat:FloodMessageCost"] = "00:00:00.0005" }));

[CollectionDefinition(Name)]
public sealed class QuietHeartbeatCollection : ICollectionFixture<QuietHeartbeatFixture>
{
    public const string Name = "QuietHeartbeat";
}

/// <summary>A node that runs at most one actor.</summary>
public sealed class OneActorFixture() : DashboardFixture(new Dictionary<string, string?>
{
    ["Dashboard:MaxActors"] = "1",
    ["Dashboard:DisconnectedCircuitRetention"] = "00:00:02", // a closed tab's actor is gone within seconds even if its close was not graceful
    ["Heartbeat:IntervalMin"] = "00:00:00.300",
    ["Heartbeat:IntervalMax"] = "00:00:00.500",
    ["Heartbeat:ExternalLatency"] = "00:00:00.050",
});

[CollectionDefinition(Name)]
public sealed class OneActorCollection : ICollectionFixture<OneActorFixture>
{
    public const string Name = "OneActor";
}
