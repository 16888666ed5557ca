using System.Diagnostics.CodeAnalysis;
using E2E.Infrastructure;

namespace E2E.Timeline;

/// <summary>
/// A server for the timeline tests: external work of 1 s (±20 %), calls that give up after 6 s (stranded callers
/// stay visible for seconds even on a loaded machine), and no heartbeats during a test — so a burst's outcome
/// comes from the burst alone and ends within seconds.
/// </summary>
public sealed class TimelineFixture() : DashboardFixture(Settings.QuietHeartbeat(new Dictionary<string, string?>
{
    ["Heartbeat:ExternalLatency"] = "00:00:01",
    ["Heartbeat:CallTimeout"] = "00:00:06",
}));

[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "An xunit collection definition.")]
public sealed class TimelineCollection : ICollectionFixture<TimelineFixture>
{
    public const string Name = "Timeline";
}
