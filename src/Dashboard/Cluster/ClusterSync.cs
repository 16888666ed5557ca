using Microsoft.Extensions.Options;

namespace Dashboard.Cluster;

/// <summary>
/// One step of the cluster loop, every <see cref="ClusterOptions.PublishInterval"/>: renew the registration when due,
/// publish this node's delta, read the member list and fetch the snapshots of new (or out-of-step) nodes.
/// </summary>
/// <remarks>
/// Any failure (Redis unreachable, a command that fails or times out) puts the view in degraded mode — this node
/// only — with one Warning; the first step that succeeds again leaves it with one Information. No stack traces: a
/// store that is down is an expected state, not a bug.
/// </remarks>
public sealed partial class ClusterSync(
    IClusterStore store,
    ClusterOverview view,
    ClusterMembership membership,
    OverviewPublisher publisher,
    IOptions<RedisOptions> redis,
    ILogger<ClusterSync> logger)
{
    private bool _subscribed;

    /// <summary>Runs one step; never throws but for cancellation.</summary>
    public async Task TickAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (!store.IsConnected)
            {
                throw new InvalidOperationException("not connected");
            }

            if (!_subscribed)
            {
                await store.SubscribeAsync(view.OnDelta);
                _subscribed = true;
            }

            await membership.RenewIfDueAsync();
            await publisher.PublishAsync();
            view.SyncMembers(await membership.ReadAsync());
            foreach (var node in view.NodesNeedingSnapshot())
            {
                cancellationToken.ThrowIfCancellationRequested();
                view.ApplySnapshot(node, await store.ReadSnapshotAsync(node));
            }

            if (view.SetDegraded(false))
            {
                Log.Restored(logger, Endpoint);
            }

            view.SampleIfDue();
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            publisher.RequireFull();
            membership.RenewNow();
            if (view.SetDegraded(true))
            {
                Log.Lost(logger, Endpoint, error.Message);
            }
        }
    }

    /// <summary>Leaves the cluster at a clean shutdown (best effort: a store that is down lets the registration expire).</summary>
    public async Task LeaveAsync()
    {
        try
        {
            if (store.IsConnected)
            {
                await membership.LeaveAsync();
            }
        }
        catch (Exception error)
        {
            Log.LeaveFailed(logger, error.Message);
        }
    }

    private string Endpoint => RedisConnection.Describe(redis.Value.Configuration);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Cluster view unavailable: Redis at {Endpoint} does not answer ({Reason}). This node keeps serving its own tabs and hub clients and shows only itself; it retries every publish interval.")]
        public static partial void Lost(ILogger logger, string endpoint, string reason);

        [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Cluster view restored: Redis at {Endpoint} answers again.")]
        public static partial void Restored(ILogger logger, string endpoint);

        [LoggerMessage(EventId = 1703, Level = LogLevel.Information, Message = "Could not deregister from the cluster at shutdown ({Reason}); the registration expires by itself.")]
        public static partial void LeaveFailed(ILogger logger, string reason);
    }
}

/// <summary>Runs <see cref="ClusterSync.TickAsync"/> every <see cref="ClusterOptions.PublishInterval"/>, and leaves the cluster at shutdown.</summary>
internal sealed class ClusterSyncLoop(ClusterSync sync, IOptions<ClusterOptions> options, TimeProvider time, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The node's default name and URL come from the listening addresses, known once the server has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        using var timer = new PeriodicTimer(options.Value.PublishInterval, time);
        try
        {
            do
            {
                await sync.TickAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await sync.LeaveAsync();
    }
}
