using Dashboard.Cluster;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Unit.Dashboard.Cluster;

public sealed class ClusterMembershipTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly ClusterOptions _options = new();

    [Fact]
    public async Task RenewIfDueAsync_WritesFirstThenOnlyEveryRenewInterval()
    {
        // Arrange
        var membership = Membership("node-a", new InMemoryClusterStore(_time));

        // Act
        var first = await membership.RenewIfDueAsync();
        _time.Advance(_options.RenewInterval - TimeSpan.FromMilliseconds(1));
        var early = await membership.RenewIfDueAsync();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var due = await membership.RenewIfDueAsync();

        // Assert
        Assert.Equal([true, false, true], [first, early, due]);
    }

    [Fact]
    public async Task ReadAsync_NodeThatStopsRenewing_ExpiresAfterTheTtl_WhileARenewingOneStays()
    {
        // Arrange
        var store = new InMemoryClusterStore(_time);
        var alive = Membership("node-a", store);
        var killed = Membership("node-b", store);
        await alive.RenewIfDueAsync();
        await killed.RenewIfDueAsync();

        // Act: B stops; A renews on schedule until B's registration is a TTL old.
        for (var elapsed = TimeSpan.Zero; elapsed < _options.MembershipTtl - TimeSpan.FromSeconds(1); elapsed += TimeSpan.FromSeconds(1))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await alive.RenewIfDueAsync();
        }

        var justBefore = await alive.ReadAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        await alive.RenewIfDueAsync();
        var after = await alive.ReadAsync();

        // Assert
        Assert.Equal(["node-a", "node-b"], justBefore.Select(node => node.Name).Order());
        Assert.Equal(["node-a"], after.Select(node => node.Name));
    }

    [Fact]
    public async Task LeaveAsync_RemovesTheNodeAtOnce()
    {
        // Arrange
        var store = new InMemoryClusterStore(_time);
        var membership = Membership("node-a", store);
        await membership.RenewIfDueAsync();

        // Act
        await membership.LeaveAsync();

        // Assert
        Assert.Empty(await membership.ReadAsync());
    }

    [Fact]
    public async Task Self_CarriesNameUrlStartAndVersion()
    {
        // Arrange
        var store = new InMemoryClusterStore(_time);
        var membership = Membership("node-a", store);

        // Act
        await membership.RenewIfDueAsync();

        // Assert
        var node = Assert.Single(await store.ReadMembersAsync());
        Assert.Equal(("node-a", "http://node-a.test", _time.GetUtcNow()), (node.Name, node.Url, node.StartedAt));
        Assert.False(string.IsNullOrEmpty(node.Version));
    }

    private ClusterMembership Membership(string name, InMemoryClusterStore store) =>
        new(store, new NodeIdentity(name, $"http://{name}.test", _time.GetUtcNow()), Options.Create(_options), _time);
}
