using System.Runtime.CompilerServices;
using ActorRuntime;
using Dashboard.Auth;
using Dashboard.Cluster;
using Dashboard.Heartbeats;
using Dashboard.Overview;
using Dashboard.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Hubs;

/// <summary>
/// <c>/hubs/heartbeat</c>: a non-browser client gets its own heartbeat actor for as long as its connection
/// lasts, makes deferred calls to it and streams its telemetry. No method takes a pid: a client can only
/// ever reach the actor of its own connection.
/// </summary>
/// <remarks>
/// Hubs are transient (one instance per invocation); the connection's actor lives in <see cref="HubSessionRegistry"/>.
/// <see cref="HeartbeatHubFilter"/> rate-limits every invocation and turns argument errors into
/// <see cref="HubException"/>s, whose message the client sees.
/// </remarks>
public sealed partial class HeartbeatHub(
    HubSessionRegistry registry,
    ActorSystem system,
    ClusterOverview cluster,
    IOptions<HeartbeatHubOptions> options,
    TimeProvider time,
    ILogger<HeartbeatHub> logger) : Hub
{
    /// <summary>Called when a connection opens: spawns its actor, or refuses the connection when the node is full.</summary>
    /// <exception cref="HubException">The node is at <c>Dashboard:MaxActors</c>; the connection is closed with this reason.</exception>
    public override async Task OnConnectedAsync()
    {
        if (await registry.OpenAsync(Context.ConnectionId) is null)
        {
            Log.Refused(logger, Context.ConnectionId, system.Options.MaxActors);
            throw new HubException(
                $"The server is at capacity ({system.Options.MaxActors} actors): this connection gets no actor. Try again later.");
        }
    }

    /// <summary>Called when a connection closes (or drops): stops its actor; its waiting calls fail at once.</summary>
    public override Task OnDisconnectedAsync(Exception? exception) => registry.CloseAsync(Context.ConnectionId);

    /// <summary>A heartbeat: a deferred call with the configured heartbeat timeout (<c>Heartbeat:HeartbeatTimeout</c>).</summary>
    public async Task<CallResultDto> Heartbeat()
    {
        var session = Client().Session;
        var started = time.GetTimestamp();
        var outcome = await session.HeartbeatAsync(Context.ConnectionAborted);
        return HubMapping.ToDto(outcome, time.GetElapsedTime(started));
    }

    /// <summary>A deferred call that waits at most <paramref name="timeoutMs"/> for the external work's answer.</summary>
    /// <param name="timeoutMs">1 .. <see cref="HeartbeatHubProtocol.MaxTimeoutMs"/>.</param>
    public async Task<CallResultDto> Request(int timeoutMs)
    {
        if (timeoutMs is < 1 or > HeartbeatHubProtocol.MaxTimeoutMs)
        {
            throw new ArgumentException(
                $"timeoutMs must be between 1 and {HeartbeatHubProtocol.MaxTimeoutMs} (was {timeoutMs}).");
        }

        var session = Client().Session;
        var started = time.GetTimestamp();
        var outcome = await session.RequestAsync(CallOrigin.Manual, TimeSpan.FromMilliseconds(timeoutMs), Context.ConnectionAborted);
        return HubMapping.ToDto(outcome, time.GetElapsedTime(started));
    }

    /// <summary>Changes how this connection's simulated external work behaves, for jobs started from now on.</summary>
    /// <param name="latencyMs">0 .. <see cref="HeartbeatHubProtocol.MaxLatencyMs"/>.</param>
    /// <param name="failureRate">Share of jobs that fail, 0..1.</param>
    /// <param name="neverAnswersRate">Share of jobs that never answer, 0..1.</param>
    public ExternalWorkDto Configure(int latencyMs, double failureRate, double neverAnswersRate)
    {
        var session = Client().Session;
        var settings = session.Worker.Settings with
        {
            Latency = TimeSpan.FromMilliseconds(latencyMs),
            FailureRate = failureRate,
            NeverAnswersRate = neverAnswersRate,
        };
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }

        session.Configure(settings);
        return new ExternalWorkDto(settings.Latency.TotalMilliseconds, settings.FailureRate, settings.NeverAnswersRate);
    }

    /// <summary>
    /// This connection's actor, <c>Dashboard:Hub:TelemetryHz</c> times a second (4 by default), until the client
    /// cancels the stream or disconnects. One telemetry stream per connection at a time.
    /// </summary>
    public async IAsyncEnumerable<TelemetryDto> StreamTelemetry([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = Client();
        if (!client.TryBeginStream())
        {
            throw new HubException("This connection already streams its telemetry; cancel that stream first.");
        }

        try
        {
            using var timer = new PeriodicTimer(options.Value.TelemetryPeriod, time);
            do
            {
                yield return HubMapping.ToTelemetry(client.Session.Snapshot(), system.ActorCount, time.GetUtcNow());
            }
            while (await WaitAsync(timer, cancellationToken));
        }
        finally
        {
            client.EndStream();
        }
    }

    /// <summary>
    /// Admins only (policy <see cref="AdminPolicy.Name"/>; sign in at <c>/login</c> and connect with that cookie): the
    /// cluster's totals (this node's without Redis, or while Redis is down), its nodes, actors per owner and the
    /// <paramref name="top"/> deepest mailboxes of every node, at the telemetry rate, until the client cancels the
    /// stream or disconnects. The connection's own actor stays on this node.
    /// </summary>
    /// <param name="top">Rows of the busiest actors, 0 .. <see cref="HeartbeatHubProtocol.MaxOverviewRows"/>.</param>
    /// <param name="cancellationToken">Ends the stream (the client's cancellation or the connection's end).</param>
    [Authorize(Policy = AdminPolicy.Name)]
    public IAsyncEnumerable<OverviewDto> StreamOverview(int top, CancellationToken cancellationToken)
    {
        if (top is < 0 or > HeartbeatHubProtocol.MaxOverviewRows)
        {
            throw new ArgumentException($"top must be between 0 and {HeartbeatHubProtocol.MaxOverviewRows} (was {top}).");
        }

        return StreamOverviewAsync(top, cancellationToken);
    }

    private async IAsyncEnumerable<OverviewDto> StreamOverviewAsync(int top, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.TelemetryPeriod, time);
        do
        {
            yield return HubMapping.ToOverview(cluster, top, time.GetUtcNow());
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private HubClient Client() =>
        registry.Find(Context.ConnectionId) ?? throw new HubException("This connection has no actor (it was refused or has closed).");

    /// <summary>The next tick, or false once the stream is cancelled (a normal end, not an error).</summary>
    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Refused hub connection {ConnectionId}: the node is at its limit of {MaxActors} actors.")]
        public static partial void Refused(ILogger logger, string connectionId, int maxActors);
    }
}
