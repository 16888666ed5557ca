using System.Diagnostics.CodeAnalysis;
using E2E.Infrastructure;

namespace E2E.Hub;

/// <summary>
/// A server with tight limits: 3 actors, 3 calls per connection at once then 1 a second, and actors whose mailbox
/// holds one message, with flood messages that keep the actor busy for 5 s (a window wide enough for a
/// loaded machine to deliver a call while the mailbox is full).
/// </summary>
public sealed class HubLimitsFixture() : DashboardFixture(new Dictionary<string, string?>
{
    ["Dashboard:MaxActors"] = "3",
    ["Dashboard:Hub:CallsPerSecond"] = "1",
    ["Dashboard:Hub:CallBurst"] = "3",
    ["Heartbeat:MailboxCapacity"] = "1",
    ["Heartbeat:FloodMessageCost"] = "00:00:05",
});

[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "An xunit collection definition.")]
public sealed class HubLimitsCollection : ICollectionFixture<HubLimitsFixture>
{
    public const string Name = "HubLimits";
}
