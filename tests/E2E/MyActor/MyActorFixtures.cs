using E2E.Infrastructure;

namespace E2E.MyActor;

/// <summary>A server whose tabs send no heartbeat during a test, so call counts come from the test alone.</summary>
public sealed class QuietHeartbeatFixture() : DashboardFixture(Settings.QuietHeartbeat());

[CollectionDefinition(Name)]
public sealed class QuietHeartbeatCollection : ICollectionFixture<QuietHeartbeatFixture>
{
    public const string Name = "QuietHeartbeat";
}

/// <summary>A node that runs at most one actor.</summary>
public sealed class OneActorFixture() : DashboardFixture(new Dictionary<string, string?>
{
    ["Dashboard:MaxActors"] = "1",
    ["Heartbeat:IntervalMin"] = "00:00:00.300",
    ["Heartbeat:IntervalMax"] = "00:00:00.500",
    ["Heartbeat:ExternalLatency"] = "00:00:00.050",
});

[CollectionDefinition(Name)]
public sealed class OneActorCollection : ICollectionFixture<OneActorFixture>
{
    public const string Name = "OneActor";
}
