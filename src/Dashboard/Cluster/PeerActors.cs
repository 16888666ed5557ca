using System.Net;
using System.Net.Http.Json;
using ActorRuntime;
using Dashboard.Auth;
using Dashboard.Components.Actors;
using Dashboard.Overview;
using Dashboard.Services;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Dashboard.Cluster;

/// <summary>One actor as another node's drill-down shows it (read-only; the figures of the "My actor" panels).</summary>
public sealed record PeerActorDto
{
    /// <summary>The node it lives on.</summary>
    public required string Node { get; init; }

    /// <summary>Its pid on that node, e.g. <c>&lt;0.5.0&gt;</c>.</summary>
    public required string Pid { get; init; }

    /// <summary>Owner (<c>tab</c>, <c>hub</c>, <c>virtual</c>).</summary>
    public required string Owner { get; init; }

    /// <summary>Correct or naive mode.</summary>
    public required string Mode { get; init; }

    /// <summary>The status as the actor panels word it (<c>idle</c>, <c>busy</c>…).</summary>
    public required string Status { get; init; }

    /// <summary>Messages waiting.</summary>
    public int QueueDepth { get; init; }

    /// <summary>The mailbox bound, or null.</summary>
    public int? MailboxCapacity { get; init; }

    /// <summary>Deferred callers still waiting.</summary>
    public int DeferredCalls { get; init; }

    /// <summary>External jobs in flight.</summary>
    public int ExternalInFlight { get; init; }

    /// <summary>Messages handled.</summary>
    public long MessagesHandled { get; init; }

    /// <summary>Calls made by the owner.</summary>
    public long Calls { get; init; }

    /// <summary>Calls answered with their own answer.</summary>
    public long Replies { get; init; }

    /// <summary>Calls timed out.</summary>
    public long Timeouts { get; init; }

    /// <summary>Late replies dropped.</summary>
    public long LateReplies { get; init; }

    /// <summary>Calls ended in an error.</summary>
    public long Errors { get; init; }

    /// <summary>Crashes.</summary>
    public long Crashes { get; init; }

    /// <summary>Restarts.</summary>
    public long Restarts { get; init; }

    /// <summary>Round-trip percentiles, milliseconds.</summary>
    public double LatencyP50Ms { get; init; }

    /// <summary>95th percentile.</summary>
    public double LatencyP95Ms { get; init; }

    /// <summary>99th percentile.</summary>
    public double LatencyP99Ms { get; init; }

    /// <summary>Time since the last heartbeat; null before the first.</summary>
    public double? HeartbeatAgeMs { get; init; }

    /// <summary>Largest mailbox depth of each of the last seconds, oldest first.</summary>
    public IReadOnlyList<int> MailboxHistory { get; init; } = [];
}

/// <summary>
/// How one node asks another for an actor (the drill-down of a remote overview row): an HTTP GET of
/// <see cref="Path"/> at the other node's <c>Dashboard:NodeUrl</c>, carrying a peer token in <see cref="TokenHeader"/>.
/// </summary>
/// <remarks>
/// The token is the target node's name protected by Data Protection (purpose <see cref="Purpose"/>) with a 30-second
/// lifetime. Only a holder of the cluster's key ring — a node — can make one, and the asking node makes one only for a
/// signed-in operator (the drill-down page requires the admin policy). A browser's admin cookie works at the endpoint
/// too. The circuit has no HTTP request to take the operator's cookie from, which is why the nodes vouch for each other
/// instead of forwarding it.
/// </remarks>
public static class PeerActors
{
    /// <summary>The endpoint on every node; <c>{pid}</c> as on <c>/actors/{pid}</c>.</summary>
    public const string Path = "/cluster/actors/{pid}";

    /// <summary>The request header that carries the peer token.</summary>
    public const string TokenHeader = "X-Dashboard-Peer";

    /// <summary>The Data Protection purpose of peer tokens.</summary>
    public const string Purpose = "ActorDashboard.ClusterPeer.v1";

    /// <summary>The name of the HTTP client used between nodes.</summary>
    public const string HttpClientName = "cluster-peer";

    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(30);

    /// <summary>A token that lets its bearer read actors on <paramref name="targetNode"/> for 30 seconds.</summary>
    public static string CreateToken(IDataProtectionProvider provider, string targetNode) =>
        provider.CreateProtector(Purpose).ToTimeLimitedDataProtector().Protect("peer:" + targetNode, TokenLifetime);

    /// <summary>Whether <paramref name="token"/> is a live token made for <paramref name="thisNode"/>.</summary>
    public static bool IsValidToken(IDataProtectionProvider provider, string? token, string thisNode)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            return provider.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(token) == "peer:" + thisNode;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false; // expired, tampered with, or made with another key ring
        }
    }

    /// <summary>The read-only figures of <paramref name="view"/> for another node.</summary>
    public static PeerActorDto ToDto(ActorView view, string node) => new()
    {
        Node = node,
        Pid = view.Pid?.ToString() ?? "",
        Owner = view.Owner.ToString().ToLowerInvariant(),
        Mode = view.Mode.ToString().ToLowerInvariant(),
        Status = ActorFormat.Status(view),
        QueueDepth = view.Info?.QueueDepth ?? 0,
        MailboxCapacity = view.Info?.MailboxCapacity,
        DeferredCalls = view.Info?.DeferredCalls ?? 0,
        ExternalInFlight = view.External.InFlight,
        MessagesHandled = view.Info?.MessagesHandled ?? 0,
        Calls = view.Tracker.Counters.Calls,
        Replies = view.Tracker.Counters.Replies,
        Timeouts = view.Tracker.Counters.Timeouts,
        LateReplies = view.Tracker.Counters.LateReplies,
        Errors = view.Tracker.Counters.Errors,
        Crashes = view.Info?.Crashes ?? 0,
        Restarts = view.Info?.Restarts ?? 0,
        LatencyP50Ms = view.Tracker.Latency.P50.TotalMilliseconds,
        LatencyP95Ms = view.Tracker.Latency.P95.TotalMilliseconds,
        LatencyP99Ms = view.Tracker.Latency.P99.TotalMilliseconds,
        HeartbeatAgeMs = view.HeartbeatAge?.TotalMilliseconds,
        MailboxHistory = view.MailboxHistory,
    };

    /// <summary>
    /// Maps <see cref="Path"/>: 200 with a <see cref="PeerActorDto"/>, 404 when the actor is not alive here, 400 for a
    /// malformed pid, 401 without a peer token or admin cookie.
    /// </summary>
    public static WebApplication MapPeerActors(this WebApplication app)
    {
        app.MapGet(Path, (string pid, HttpContext context, ActorInspector inspector, NodeIdentity identity, IDataProtectionProvider protection, TimeProvider time) =>
        {
            var authorized = context.User.IsInRole(AdminPolicy.Role)
                || IsValidToken(protection, context.Request.Headers[TokenHeader], identity.Name);
            if (!authorized)
            {
                return Results.Problem("Sign in as the operator, or ask through another node of the cluster.", statusCode: StatusCodes.Status401Unauthorized);
            }

            if (!ActorRuntime.Pid.TryParse(Uri.UnescapeDataString(pid), null, out var parsed))
            {
                return Results.Problem($"'{pid}' is not a pid. Use the form <0.42.0> or a number like 42.", statusCode: StatusCodes.Status400BadRequest);
            }

            var view = inspector.Inspect(parsed, new MailboxHistory(time));
            return view is null
                ? Results.Problem($"{parsed} is not alive on {identity.Name}.", statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(ToDto(view, identity.Name));
        });
        return app;
    }
}

/// <summary>What asking another node for an actor gave.</summary>
/// <param name="Actor">The actor, when found.</param>
/// <param name="Problem">Why there is none: not alive there, node unknown or unreachable.</param>
public sealed record PeerActorResult(PeerActorDto? Actor, string? Problem);

/// <summary>Fetches an actor from the node it lives on, for the drill-down page.</summary>
public sealed class PeerActorClient(
    IHttpClientFactory clients, IDataProtectionProvider protection, ClusterOverview cluster, IOptions<ClusterOptions> options)
{
    /// <summary>Asks <paramref name="node"/> for <paramref name="pid"/>; never throws but for cancellation.</summary>
    public async Task<PeerActorResult> FetchAsync(string node, Pid pid, CancellationToken cancellationToken)
    {
        if (cluster.FindNode(node) is not { } info)
        {
            return new PeerActorResult(null, cluster.Degraded
                ? $"The cluster view is unavailable, so node '{node}' cannot be reached from here."
                : $"No node named '{node}' is in the cluster (it may have stopped).");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PeerTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{info.Url}/cluster/actors/{pid.Id}");
            request.Headers.Add(PeerActors.TokenHeader, PeerActors.CreateToken(protection, node));
            using var response = await clients.CreateClient(PeerActors.HttpClientName).SendAsync(request, timeout.Token);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => new PeerActorResult(await response.Content.ReadFromJsonAsync<PeerActorDto>(timeout.Token), null),
                HttpStatusCode.NotFound => new PeerActorResult(null, $"{pid} is not alive on {node} (it may have stopped)."),
                var status => new PeerActorResult(null, $"Node {node} refused the request ({(int)status} {status})."),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PeerActorResult(null, $"Node {node} did not answer within {options.Value.PeerTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException error)
        {
            return new PeerActorResult(null, $"Node {node} at {info.Url} cannot be reached ({error.Message}).");
        }
    }
}
