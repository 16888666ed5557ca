using Dashboard.Cluster;
using Dashboard.Overview;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Unit.Dashboard.Overview;

namespace Unit.Dashboard.Cluster;

/// <summary>
/// One dashboard node for cluster tests: a real actor system and overview index (<see cref="OverviewNode"/>) with the
/// cluster pieces of the product on top, talking to a shared <see cref="InMemoryClusterStore"/>. Ticks are driven by
/// the test (<see cref="TickAsync"/>) on the shared <see cref="FakeTimeProvider"/>.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    public ClusterNode(string name, InMemoryClusterStore? store, FakeTimeProvider time, ClusterOptions? options = null, int maxActors = 1_000)
    {
        Node = new OverviewNode(maxActors, time: time);
        Store = store;
        Options = options ?? new ClusterOptions();
        Identity = new NodeIdentity(name, $"http://{name}.test", time.GetUtcNow());
        var clusterOptions = Microsoft.Extensions.Options.Options.Create(Options);
        Cluster = new ClusterOverview(
            Node.Service,
            Node.Directory,
            Identity,
            new NodeStatsSampler(time),
            clusterOptions,
            Microsoft.Extensions.Options.Options.Create(new RedisOptions { Configuration = store is null ? null : "127.0.0.1:6379" }),
            time);
        if (store is not null)
        {
            Membership = new ClusterMembership(store, Identity, clusterOptions, time);
            Publisher = new OverviewPublisher(Cluster, store, clusterOptions, time);
            Sync = new ClusterSync(store, Cluster, Membership, Publisher,
                Microsoft.Extensions.Options.Options.Create(new RedisOptions { Configuration = "127.0.0.1:6379" }), Log);
        }
    }

    public OverviewNode Node { get; }

    public InMemoryClusterStore? Store { get; }

    public ClusterOptions Options { get; }

    public NodeIdentity Identity { get; }

    public ClusterOverview Cluster { get; }

    public ClusterMembership? Membership { get; }

    public OverviewPublisher? Publisher { get; }

    public ClusterSync? Sync { get; }

    public CapturingLogger<ClusterSync> Log { get; } = new();

    public string Name => Identity.Name;

    /// <summary>Refreshes the local index, then runs one cluster step.</summary>
    public Task TickAsync()
    {
        Node.Service.Refresh();
        return Sync!.TickAsync();
    }

    /// <summary>
    /// Enough ticks for two nodes to know each other (B registers, A reads B, B reads A, A again), then one refresh
    /// interval, so that the sorted views are rebuilt.
    /// </summary>
    public static async Task ConvergeAsync(ClusterNode a, ClusterNode b)
    {
        await b.TickAsync();
        await a.TickAsync();
        await b.TickAsync();
        await a.TickAsync();
        ((FakeTimeProvider)a.Node.Time).Advance(a.Node.Options.RefreshInterval);
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}

/// <summary>Keeps every log entry (level and message), for tests that count warnings.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly Lock _lock = new();
    private readonly List<(LogLevel Level, string Message, Exception? Error)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Error)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lock)
        {
            _entries.Add((logLevel, formatter(state, exception), exception));
        }
    }
}
