using System.Threading.RateLimiting;
using Dashboard.Services;

namespace Dashboard.Hubs;

/// <summary>What the server keeps for one hub connection: its actor session and its call budget.</summary>
/// <remarks>Created by <see cref="HubSessionRegistry"/> when the connection opens, disposed when it closes.</remarks>
public sealed class HubClient : IAsyncDisposable
{
    private int _telemetryStreams;

    internal HubClient(string connectionId, ActorSession session, HeartbeatHubOptions options)
    {
        ConnectionId = connectionId;
        Session = session;
        Limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.CallBurst,
            TokensPerPeriod = options.CallsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>The SignalR connection.</summary>
    public string ConnectionId { get; }

    /// <summary>This connection's actor (owner <see cref="OwnerKind.Hub"/>).</summary>
    public ActorSession Session { get; }

    /// <summary>The connection's call budget: a token bucket of <see cref="HeartbeatHubOptions.CallBurst"/> refilled at <see cref="HeartbeatHubOptions.CallsPerSecond"/>.</summary>
    internal TokenBucketRateLimiter Limiter { get; }

    /// <summary>Claims the connection's one telemetry stream; false when it already streams.</summary>
    internal bool TryBeginStream() => Interlocked.CompareExchange(ref _telemetryStreams, 1, 0) == 0;

    /// <summary>Releases the claim of <see cref="TryBeginStream"/>.</summary>
    internal void EndStream() => Volatile.Write(ref _telemetryStreams, 0);

    /// <summary>Stops the actor (its waiting callers fail at once) and the rate limiter's timer.</summary>
    public async ValueTask DisposeAsync()
    {
        await Limiter.DisposeAsync();
        await Session.DisposeAsync();
    }
}
