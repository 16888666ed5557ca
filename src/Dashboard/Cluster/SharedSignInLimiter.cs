using System.Threading.RateLimiting;
using Dashboard.Auth;

namespace Dashboard.Cluster;

/// <summary>
/// The sign-in limit of one client IP shared by every node: a fixed window counted in the cluster store (INCR + EXPIRE
/// of <c>signin:{ip}:{window number}</c>), so five attempts on node A and five on node B are ten, not five each.
/// </summary>
/// <remarks>
/// While the store is down the limit fails open per node: each node counts with its own in-memory fixed window (as
/// a single node does), so a client may make <see cref="SignInOptions.PermitLimit"/> attempts per window on each node.
/// The synchronous path always defers to the asynchronous one (the rate-limiting middleware then awaits it), since the
/// count needs a round trip.
/// </remarks>
public sealed class SharedSignInLimiter : RateLimiter
{
    private readonly string _client;
    private readonly IClusterStore _store;
    private readonly SignInOptions _settings;
    private readonly TimeProvider _time;
    private readonly FixedWindowRateLimiter _local;

    /// <summary>The limiter of <paramref name="client"/>, with a local fallback of the same limits.</summary>
    public SharedSignInLimiter(string client, IClusterStore store, SignInOptions settings, TimeProvider time)
    {
        (_client, _store, _settings, _time) = (client, store, settings, time);
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            QueueLimit = 0,
        });
    }

    /// <inheritdoc/>
    public override TimeSpan? IdleDuration => _local.IdleDuration;

    /// <inheritdoc/>
    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    /// <inheritdoc/>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        _store.IsConnected ? WindowLease.Deferred : _local.AttemptAcquire(permitCount);

    /// <inheritdoc/>
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (_store.IsConnected)
        {
            try
            {
                var windowMs = (long)_settings.Window.TotalMilliseconds;
                var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
                var window = nowMs / windowMs;
                var count = await _store.IncrementAsync($"signin:{_client}:{window}", _settings.Window);
                return count <= _settings.PermitLimit
                    ? WindowLease.Acquired
                    : new WindowLease(false, TimeSpan.FromMilliseconds(((window + 1) * windowMs) - nowMs));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The store went down between the check and the count: fall back to this node's window.
            }
        }

        return await _local.AcquireAsync(permitCount, cancellationToken);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A lease that says yes, or no with when to try again.</summary>
    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Acquired = new(true, null);

        /// <summary>"Not yet": makes the middleware take the asynchronous path, which counts in the store.</summary>
        public static readonly WindowLease Deferred = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } value && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = value;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
