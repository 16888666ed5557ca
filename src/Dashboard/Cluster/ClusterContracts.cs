using System.Text.Json;
using System.Text.Json.Serialization;
using ActorRuntime;

namespace Dashboard.Cluster;

/// <summary>A node's registration: who it is and where to reach it.</summary>
/// <param name="Name">The node's name (<c>Dashboard:NodeName</c>).</param>
/// <param name="Url">Its base URL for other nodes (<c>Dashboard:NodeUrl</c>).</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="Version">The build it runs.</param>
public sealed record NodeInfo(string Name, string Url, DateTimeOffset StartedAt, string Version);

/// <summary>One node's figures as it last published them.</summary>
public sealed record NodeTotals
{
    /// <summary>Actors alive on the node.</summary>
    [JsonPropertyName("a")] public int LiveActors { get; init; }

    /// <summary>The node's <c>Dashboard:MaxActors</c>.</summary>
    [JsonPropertyName("m")] public int MaxActors { get; init; }

    /// <summary>Messages waiting in all its mailboxes.</summary>
    [JsonPropertyName("q")] public long QueueDepth { get; init; }

    /// <summary>Calls started per second.</summary>
    [JsonPropertyName("c")] public double CallsPerSecond { get; init; }

    /// <summary>Calls timed out per second.</summary>
    [JsonPropertyName("t")] public double TimeoutsPerSecond { get; init; }

    /// <summary>Live actors owned by browser tabs.</summary>
    [JsonPropertyName("ta")] public int TabActors { get; init; }

    /// <summary>Live actors owned by hub connections.</summary>
    [JsonPropertyName("ha")] public int HubActors { get; init; }

    /// <summary>Live actors owned by virtual users.</summary>
    [JsonPropertyName("va")] public int VirtualActors { get; init; }

    /// <summary>Process CPU use over the last sample, in percent of all cores.</summary>
    [JsonPropertyName("cpu")] public double CpuPercent { get; init; }

    /// <summary>The process's working set in bytes.</summary>
    [JsonPropertyName("mem")] public long MemoryBytes { get; init; }
}

/// <summary>One actor row as it travels between nodes (short names: thousands of them cross Redis).</summary>
public sealed record RowWire
{
    /// <summary>The pid's number on its node.</summary>
    [JsonPropertyName("p")] public long Pid { get; init; }

    /// <summary>The server type.</summary>
    [JsonPropertyName("n")] public string Name { get; init; } = "";

    /// <summary>The owner tag.</summary>
    [JsonPropertyName("o")] public string Owner { get; init; } = "";

    /// <summary>The status.</summary>
    [JsonPropertyName("s")] public ActorStatus Status { get; init; }

    /// <summary>Queue depth.</summary>
    [JsonPropertyName("q")] public int QueueDepth { get; init; }

    /// <summary>Mailbox bound, or null.</summary>
    [JsonPropertyName("b")] public int? MailboxCapacity { get; init; }

    /// <summary>Deferred callers.</summary>
    [JsonPropertyName("d")] public int DeferredCalls { get; init; }

    /// <summary>External jobs in flight.</summary>
    [JsonPropertyName("x")] public int ExternalInFlight { get; init; }

    /// <summary>Timeouts.</summary>
    [JsonPropertyName("t")] public long Timeouts { get; init; }

    /// <summary>Late replies.</summary>
    [JsonPropertyName("l")] public long LateReplies { get; init; }

    /// <summary>Crashes.</summary>
    [JsonPropertyName("k")] public long Crashes { get; init; }

    /// <summary>Of the timeouts, those while queued.</summary>
    [JsonPropertyName("tq")] public long TimeoutsQueued { get; init; }

    /// <summary>Of the timeouts, those while in the handler.</summary>
    [JsonPropertyName("th")] public long TimeoutsInHandler { get; init; }

    /// <summary>Of the timeouts, those while deferred.</summary>
    [JsonPropertyName("td")] public long TimeoutsDeferred { get; init; }

    /// <summary>Queued calls skipped because their caller had gone.</summary>
    [JsonPropertyName("e")] public long Expired { get; init; }

    /// <summary>External jobs stopped because their caller gave up.</summary>
    [JsonPropertyName("cw")] public long CancelledWork { get; init; }

    /// <summary>External results that reached the actor after a restart.</summary>
    [JsonPropertyName("di")] public long DeadIncarnationResults { get; init; }

    /// <summary>The last heartbeat, Unix milliseconds (UTC); 0 when none.</summary>
    [JsonPropertyName("h")] public long HeartbeatAtMs { get; init; }

    /// <summary>Handle-time p99 in microseconds.</summary>
    [JsonPropertyName("u")] public long HandleTimeP99Us { get; init; }
}

/// <summary>
/// What a node publishes every <see cref="ClusterOptions.PublishInterval"/>: its totals and the rows that changed
/// since its previous delta (or all rows, when <see cref="Full"/>).
/// </summary>
/// <param name="Node">The publishing node.</param>
/// <param name="Sequence">Increases by one per delta of the node; a receiver that sees a gap re-reads the node's snapshot.</param>
/// <param name="Full">Whether <see cref="Changed"/> is every row (replace, not merge).</param>
/// <param name="Totals">The node's figures.</param>
/// <param name="Changed">Rows added or changed.</param>
/// <param name="Removed">Pids of actors that stopped.</param>
public sealed record OverviewDelta(
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("seq")] long Sequence,
    [property: JsonPropertyName("full")] bool Full,
    [property: JsonPropertyName("totals")] NodeTotals Totals,
    [property: JsonPropertyName("changed")] IReadOnlyList<RowWire> Changed,
    [property: JsonPropertyName("removed")] IReadOnlyList<long> Removed);

/// <summary>The serializer of everything the cluster stores (source-generated: no reflection per message).</summary>
[JsonSerializable(typeof(NodeInfo))]
[JsonSerializable(typeof(NodeTotals))]
[JsonSerializable(typeof(RowWire))]
[JsonSerializable(typeof(OverviewDelta))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
internal sealed partial class ClusterJson : JsonSerializerContext
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), Default);

    public static T? Deserialize<T>(string json) => (T?)JsonSerializer.Deserialize(json, typeof(T), Default);
}
