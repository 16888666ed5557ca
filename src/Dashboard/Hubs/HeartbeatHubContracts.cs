using System.Text.Json;
using System.Text.Json.Serialization;

// The wire contract of /hubs/heartbeat. This file depends on the BCL only: tools/LoadSim compiles it too,
// so a client and the server can never disagree on a name.
namespace Dashboard.Hubs;

/// <summary>Names shared by the hub and its .NET clients.</summary>
public static class HeartbeatHubProtocol
{
    /// <summary>The hub's path.</summary>
    public const string Path = "/hubs/heartbeat";

    /// <summary>Longest timeout <c>Request(timeoutMs)</c> accepts, in milliseconds (the session's 60 s limit).</summary>
    public const int MaxTimeoutMs = 60_000;

    /// <summary>Longest external latency <c>Configure</c> accepts, in milliseconds.</summary>
    public const int MaxLatencyMs = 60_000;

    /// <summary>Most rows <c>StreamOverview(top)</c> sends.</summary>
    public const int MaxOverviewRows = 100;

    /// <summary>
    /// Makes enums travel as camelCase strings (<c>"timeout"</c>, <c>"actorExited"</c>…). Call it on both sides:
    /// <c>.AddJsonProtocol(o =&gt; HeartbeatHubProtocol.Configure(o.PayloadSerializerOptions))</c>.
    /// </summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}

/// <summary>How a deferred call ended: the dashboard's one classification (see <c>CallOutcomeView</c>), sent as is by the hub.</summary>
/// <remarks>
/// A naive-mode call that gets another call's answer ends <see cref="Replied"/> (a reply did arrive) and is marked misrouted
/// beside its kind; the hub runs correct-mode actors only, so its clients never see one.
/// </remarks>
public enum CallOutcomeKind
{
    /// <summary>The call got a reply: its own answer (in naive mode possibly another call's, see remarks).</summary>
    Replied,
    /// <summary>The call's timeout passed first (while queued or while deferred).</summary>
    Timeout,
    /// <summary>The actor died while the call waited.</summary>
    ActorExited,
    /// <summary>The actor's bounded mailbox refused the call.</summary>
    MailboxFull,
    /// <summary>The simulated external work reported a failure.</summary>
    ExternalFailure,
    /// <summary>The caller gave up (for a hub call: the connection went away while the call waited).</summary>
    Cancelled,
    /// <summary>This connection has no actor.</summary>
    NoActor,
}

/// <summary>Where a call was when its timeout passed: a detail of <see cref="CallOutcomeKind.Timeout"/>, each with its own cause.</summary>
public enum TimeoutKind
{
    /// <summary>Still in the actor's mailbox: mailbox congestion, the call expired in the queue (the actor skips it when its turn comes).</summary>
    Queued,
    /// <summary>Inside <c>HandleCallAsync</c>: the handler itself was still running.</summary>
    InHandler,
    /// <summary>After NoReply: the actor kept the caller's From but never answered in time.</summary>
    Deferred,
}

/// <summary>The result of <c>Heartbeat()</c> or <c>Request(timeoutMs)</c>.</summary>
/// <param name="CallId">The session's id of the call.</param>
/// <param name="Outcome">How it ended; only <see cref="CallOutcomeKind.Replied"/> is a success.</param>
/// <param name="Message">A one-line, human-readable result.</param>
/// <param name="ElapsedMs">Server-side time from the call to its outcome.</param>
/// <param name="ExternalLatencyMs">How long the simulated external work took, when an answer arrived.</param>
public sealed record CallResultDto(long CallId, CallOutcomeKind Outcome, string Message, double ElapsedMs, double? ExternalLatencyMs)
{
    /// <summary>True when the call got its own answer.</summary>
    [JsonIgnore]
    public bool Ok => Outcome == CallOutcomeKind.Replied;

    /// <summary>Where the call was when it timed out (<c>queued</c>, <c>inHandler</c>, <c>deferred</c>); null unless <see cref="Outcome"/> is <see cref="CallOutcomeKind.Timeout"/>.</summary>
    public TimeoutKind? TimeoutKind { get; init; }
}

/// <summary>The external work settings in force after <c>Configure</c>.</summary>
public sealed record ExternalWorkDto(double LatencyMs, double FailureRate, double NeverAnswersRate);

/// <summary>One snapshot of this connection's actor, as <c>StreamTelemetry()</c> sends it.</summary>
public sealed record TelemetryDto
{
    /// <summary>The actor's pid, e.g. <c>&lt;0.42.0&gt;</c>; null when it has none.</summary>
    public string? Pid { get; init; }

    /// <summary>The session's state: <c>running</c>, <c>stopped</c>, <c>atCapacity</c>…</summary>
    public required string State { get; init; }

    /// <summary>The actor's status in the runtime (<c>Idle</c>, <c>Running</c>…); null when it is not alive.</summary>
    public string? Status { get; init; }

    /// <summary>Messages waiting in the mailbox.</summary>
    public int QueueDepth { get; init; }

    /// <summary>Callers whose call the actor deferred and who still wait.</summary>
    public int DeferredCalls { get; init; }

    /// <summary>External jobs running.</summary>
    public int ExternalInFlight { get; init; }

    /// <summary>Calls made by this connection.</summary>
    public long Calls { get; init; }

    /// <summary>Calls answered with their own answer.</summary>
    public long Replies { get; init; }

    /// <summary>Calls that timed out (the sum of the three kinds below).</summary>
    public long Timeouts { get; init; }

    /// <summary>Calls that timed out while queued (mailbox congestion).</summary>
    public long TimeoutsQueued { get; init; }

    /// <summary>Calls that timed out while the handler was still running.</summary>
    public long TimeoutsInHandler { get; init; }

    /// <summary>Calls that timed out while deferred (NoReply, never answered in time).</summary>
    public long TimeoutsDeferred { get; init; }

    /// <summary>Queued calls the actor skipped because their caller had already given up.</summary>
    public long Expired { get; init; }

    /// <summary>Replies dropped because their caller had given up.</summary>
    public long LateReplies { get; init; }

    /// <summary>External jobs stopped because their caller gave up (timed out or was cancelled); none of them reports back.</summary>
    public long CancelledWork { get; init; }

    /// <summary>External results that reached the actor after it crashed and restarted: late results of a dead incarnation.</summary>
    public long DeadIncarnationResults { get; init; }

    /// <summary>Calls that ended in an error.</summary>
    public long Errors { get; init; }

    /// <summary>Actor restarts.</summary>
    public long Restarts { get; init; }

    /// <summary>Median round trip of answered calls, server side.</summary>
    public double LatencyP50Ms { get; init; }

    /// <summary>95th percentile round trip.</summary>
    public double LatencyP95Ms { get; init; }

    /// <summary>99th percentile round trip.</summary>
    public double LatencyP99Ms { get; init; }

    /// <summary>Time since the last heartbeat; null before the first.</summary>
    public double? HeartbeatAgeMs { get; init; }

    /// <summary>Actors alive on the node (every owner), when the snapshot was taken.</summary>
    public int NodeActorCount { get; init; }

    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset At { get; init; }
}

/// <summary>One actor of <see cref="OverviewDto.Busiest"/>; (<see cref="Node"/>, <see cref="Pid"/>) names it in the cluster.</summary>
public sealed record OverviewRowDto(
    string Pid, string Owner, string Status, int QueueDepth, int DeferredCalls, int ExternalInFlight, long Timeouts, long LateReplies, long Crashes,
    string Node = "")
{
    /// <summary>Of <see cref="Timeouts"/>, those while queued.</summary>
    public long TimeoutsQueued { get; init; }

    /// <summary>Of <see cref="Timeouts"/>, those while in the handler.</summary>
    public long TimeoutsInHandler { get; init; }

    /// <summary>Of <see cref="Timeouts"/>, those while deferred.</summary>
    public long TimeoutsDeferred { get; init; }

    /// <summary>Queued calls skipped because their caller had given up.</summary>
    public long Expired { get; init; }

    /// <summary>External jobs of the owner stopped because their caller gave up.</summary>
    public long CancelledWork { get; init; }

    /// <summary>External results that reached the owner's actor after a restart.</summary>
    public long DeadIncarnationResults { get; init; }
}

/// <summary>One node of <see cref="OverviewDto.Nodes"/>.</summary>
public sealed record OverviewNodeDto
{
    /// <summary>The node's name (<c>Dashboard:NodeName</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Its URL for other nodes.</summary>
    public string Url { get; init; } = "";

    /// <summary>Actors alive on it.</summary>
    public int LiveActors { get; init; }

    /// <summary>Its <c>Dashboard:MaxActors</c>.</summary>
    public int MaxActors { get; init; }

    /// <summary>Messages waiting in its mailboxes.</summary>
    public long QueueDepth { get; init; }

    /// <summary>Calls started per second on it.</summary>
    public double CallsPerSecond { get; init; }

    /// <summary>Its process CPU use, percent of all cores.</summary>
    public double CpuPercent { get; init; }

    /// <summary>Its working set in bytes.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>When its figures last arrived.</summary>
    public DateTimeOffset LastSeen { get; init; }
}

/// <summary>
/// The cluster (with Redis; else the node) at one moment, as <c>StreamOverview(top)</c> sends it (admins only). The
/// figures add up every node in <see cref="Nodes"/>; while <see cref="Degraded"/> that is this node alone.
/// </summary>
public sealed record OverviewDto
{
    /// <summary>The node that answered (the hub connection's node).</summary>
    public string Node { get; init; } = "";

    /// <summary>True when Redis is configured but unreachable: the figures are this node's only.</summary>
    public bool Degraded { get; init; }

    /// <summary>The nodes counted, the answering node first.</summary>
    public IReadOnlyList<OverviewNodeDto> Nodes { get; init; } = [];

    /// <summary>Actors alive on every node counted.</summary>
    public int LiveActors { get; init; }

    /// <summary>The sum of the nodes' limits (<c>Dashboard:MaxActors</c>).</summary>
    public int MaxActors { get; init; }

    /// <summary>Live actors owned by browser tabs.</summary>
    public int TabActors { get; init; }

    /// <summary>Live actors owned by hub connections.</summary>
    public int HubActors { get; init; }

    /// <summary>Live actors owned by virtual users.</summary>
    public int VirtualActors { get; init; }

    /// <summary>Messages waiting in all mailboxes (as of the overview's last refresh).</summary>
    public long QueueDepth { get; init; }

    /// <summary>Calls started per second on the node.</summary>
    public double CallsPerSecond { get; init; }

    /// <summary>Calls timed out per second on the node.</summary>
    public double TimeoutsPerSecond { get; init; }

    /// <summary>The <c>top</c> actors with the deepest mailboxes over every node counted, deepest first.</summary>
    public IReadOnlyList<OverviewRowDto> Busiest { get; init; } = [];

    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset At { get; init; }
}
