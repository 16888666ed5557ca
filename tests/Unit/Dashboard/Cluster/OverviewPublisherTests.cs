using Dashboard.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace Unit.Dashboard.Cluster;

public sealed class OverviewPublisherTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryClusterStore _store;
    private readonly ClusterNode _node;

    public OverviewPublisherTests()
    {
        _store = new InMemoryClusterStore(_time);
        _node = new ClusterNode("node-a", _store, _time);
    }

    [Fact]
    public async Task PublishAsync_First_IsFullWithEveryRow_ThenOnlyWhatChanged()
    {
        // Arrange
        await _node.Node.SpawnWithQueueAsync(0);
        var (busy, actor) = await _node.Node.SpawnWithQueueAsync(0);
        await _node.Node.SpawnWithQueueAsync(0);
        _node.Node.Service.Refresh();

        // Act
        var first = await _node.Publisher!.PublishAsync();
        var idle = await _node.Publisher.PublishAsync();
        _node.Node.System.Send(busy, actor.Gate);
        await actor.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        _node.Node.System.Send(busy, "queued behind the gate"); // queue depth 0 → 1: the row changes
        _node.Node.Service.Refresh();
        var changed = await _node.Publisher.PublishAsync();

        // Assert
        Assert.True(first.Full);
        Assert.Equal(3, first.Changed.Count);
        Assert.False(idle.Full);
        Assert.Empty(idle.Changed); // nothing changed: totals only
        Assert.Equal(first.Sequence + 1, idle.Sequence);
        Assert.Equal([busy.Id], changed.Changed.Select(row => row.Pid));
        Assert.Equal(3, idle.Totals.LiveActors);
    }

    [Fact]
    public async Task PublishAsync_ActorStopped_ListsItAsRemoved()
    {
        // Arrange
        var (pid, _) = await _node.Node.SpawnWithQueueAsync(0);
        _node.Node.Service.Refresh();
        await _node.Publisher!.PublishAsync();

        // Act
        await _node.Node.System.StopAsync(pid);
        _node.Node.Service.Refresh();
        var delta = await _node.Publisher.PublishAsync();

        // Assert
        Assert.Equal([pid.Id], delta.Removed);
        Assert.Empty((await _store.ReadSnapshotAsync("node-a"))!.Changed);
    }

    [Fact]
    public async Task PublishAsync_AfterAFailure_PublishesEveryRowAgain()
    {
        // Arrange
        await _node.Node.SpawnWithQueueAsync(0);
        await _node.Node.SpawnWithQueueAsync(0);
        _node.Node.Service.Refresh();
        await _node.Publisher!.PublishAsync();

        // Act
        _store.Available = false;
        await Assert.ThrowsAsync<InvalidOperationException>(_node.Publisher.PublishAsync);
        _store.Available = true;
        var delta = await _node.Publisher.PublishAsync();

        // Assert
        Assert.True(delta.Full);
        Assert.Equal(2, delta.Changed.Count);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _node.DisposeAsync();
}
