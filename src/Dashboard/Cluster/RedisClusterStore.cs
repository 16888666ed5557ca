using StackExchange.Redis;

namespace Dashboard.Cluster;

/// <summary>
/// <see cref="IClusterStore"/> on Redis. Keys (prefix <see cref="Prefix"/>):
/// <list type="bullet">
/// <item><c>nodes</c> — a set of node names; <c>node:{name}</c> — the node's <see cref="NodeInfo"/> as JSON, with a time to live.</item>
/// <item><c>rows:{name}</c> — a hash, pid → row JSON, plus <c>_seq</c> and <c>_totals</c>: the node's snapshot, with a time to live.</item>
/// <item>channel <c>overview</c> — every node's deltas (pub/sub), written in the same MULTI/EXEC as the snapshot.</item>
/// <item><c>count:{key}</c> — counters with an expiry (the sign-in limit).</item>
/// </list>
/// </summary>
public sealed class RedisClusterStore(RedisConnection connection) : IClusterStore
{
    /// <summary>The prefix of every key and channel.</summary>
    public const string Prefix = "ActorDashboard:cluster:";

    private const string SequenceField = "_seq";
    private const string TotalsField = "_totals";
    private static readonly RedisKey NodesKey = Prefix + "nodes";
    private static readonly RedisChannel OverviewChannel = RedisChannel.Literal(Prefix + "overview");

    /// <inheritdoc/>
    public bool IsConnected => connection.IsConnected;

    private IConnectionMultiplexer Multiplexer => connection.Multiplexer ?? throw new InvalidOperationException("Redis is not connected yet.");

    private IDatabase Database => Multiplexer.GetDatabase();

    /// <inheritdoc/>
    public async Task RegisterAsync(NodeInfo node, TimeSpan ttl)
    {
        var batch = Database.CreateBatch();
        var set = batch.StringSetAsync(NodeKey(node.Name), ClusterJson.Serialize(node), ttl);
        var add = batch.SetAddAsync(NodesKey, node.Name);
        batch.Execute();
        await Task.WhenAll(set, add);
    }

    /// <inheritdoc/>
    public async Task DeregisterAsync(string node)
    {
        var database = Database;
        await database.KeyDeleteAsync([NodeKey(node), RowsKey(node)]);
        await database.SetRemoveAsync(NodesKey, node);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<NodeInfo>> ReadMembersAsync()
    {
        var database = Database;
        var names = await database.SetMembersAsync(NodesKey);
        if (names.Length == 0)
        {
            return [];
        }

        var values = await database.StringGetAsync([.. names.Select(name => NodeKey(name.ToString()))]);
        var members = new List<NodeInfo>(names.Length);
        var expired = new List<RedisValue>();
        for (var i = 0; i < names.Length; i++)
        {
            if (values[i].HasValue && ClusterJson.Deserialize<NodeInfo>(values[i].ToString()) is { } info)
            {
                members.Add(info);
            }
            else
            {
                expired.Add(names[i]);
            }
        }

        if (expired.Count > 0)
        {
            await database.SetRemoveAsync(NodesKey, [.. expired]); // its registration expired: forget the name too
        }

        return members;
    }

    /// <inheritdoc/>
    public async Task PublishAsync(OverviewDelta delta, TimeSpan ttl)
    {
        var key = RowsKey(delta.Node);
        var transaction = Database.CreateTransaction();
        var writes = new List<Task>();
        if (delta.Full)
        {
            writes.Add(transaction.KeyDeleteAsync(key));
        }

        if (delta.Removed.Count > 0)
        {
            writes.Add(transaction.HashDeleteAsync(key, [.. delta.Removed.Select(pid => (RedisValue)pid)]));
        }

        var fields = delta.Changed.Select(row => new HashEntry(row.Pid, ClusterJson.Serialize(row)))
            .Append(new HashEntry(SequenceField, delta.Sequence))
            .Append(new HashEntry(TotalsField, ClusterJson.Serialize(delta.Totals)))
            .ToArray();
        writes.Add(transaction.HashSetAsync(key, fields));
        writes.Add(transaction.KeyExpireAsync(key, ttl));
        writes.Add(transaction.PublishAsync(OverviewChannel, ClusterJson.Serialize(delta)));
        if (!await transaction.ExecuteAsync())
        {
            throw new RedisException("The overview transaction was not applied.");
        }

        await Task.WhenAll(writes);
    }

    /// <inheritdoc/>
    public async Task<OverviewDelta?> ReadSnapshotAsync(string node)
    {
        var entries = await Database.HashGetAllAsync(RowsKey(node));
        if (entries.Length == 0)
        {
            return null;
        }

        long sequence = 0;
        var totals = new NodeTotals();
        var rows = new List<RowWire>(entries.Length);
        foreach (var entry in entries)
        {
            var name = entry.Name.ToString();
            if (name == SequenceField)
            {
                sequence = (long)entry.Value;
            }
            else if (name == TotalsField)
            {
                totals = ClusterJson.Deserialize<NodeTotals>(entry.Value.ToString()) ?? totals;
            }
            else if (ClusterJson.Deserialize<RowWire>(entry.Value.ToString()) is { } row)
            {
                rows.Add(row);
            }
        }

        return new OverviewDelta(node, sequence, Full: true, totals, rows, []);
    }

    /// <inheritdoc/>
    public Task SubscribeAsync(Action<OverviewDelta> onDelta) =>
        Multiplexer.GetSubscriber().SubscribeAsync(OverviewChannel, (_, message) =>
        {
            OverviewDelta? delta;
            try
            {
                delta = ClusterJson.Deserialize<OverviewDelta>(message.ToString());
            }
            catch (System.Text.Json.JsonException)
            {
                return; // not ours (another version, or someone else's message): ignore
            }

            if (delta is not null)
            {
                onDelta(delta);
            }
        });

    /// <inheritdoc/>
    public async Task<long> IncrementAsync(string key, TimeSpan window)
    {
        var transaction = Database.CreateTransaction();
        RedisKey counter = Prefix + "count:" + key;
        var increment = transaction.StringIncrementAsync(counter);
        var expire = transaction.KeyExpireAsync(counter, window);
        if (!await transaction.ExecuteAsync())
        {
            throw new RedisException("The counter transaction was not applied.");
        }

        await expire;
        return await increment;
    }

    private static RedisKey NodeKey(string node) => Prefix + "node:" + node;

    private static RedisKey RowsKey(string node) => Prefix + "rows:" + node;
}
