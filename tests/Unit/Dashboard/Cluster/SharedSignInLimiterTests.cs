using System.Threading.RateLimiting;
using Dashboard.Auth;
using Dashboard.Cluster;
using Microsoft.Extensions.Time.Testing;

namespace Unit.Dashboard.Cluster;

public sealed class SharedSignInLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 10, TimeSpan.Zero));
    private readonly SignInOptions _settings = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task AcquireAsync_TwoNodes_ShareOneWindowPerClient()
    {
        // Arrange: one limiter per node for the same client, one store.
        var store = new InMemoryClusterStore(_time);
        using var onA = new SharedSignInLimiter("203.0.113.7", store, _settings, _time);
        using var onB = new SharedSignInLimiter("203.0.113.7", store, _settings, _time);
        using var otherClient = new SharedSignInLimiter("203.0.113.8", store, _settings, _time);

        // Act: three attempts on A, then three on B.
        var results = new List<bool>();
        foreach (var limiter in new[] { onA, onA, onA, onB, onB, onB })
        {
            using var lease = await limiter.AcquireAsync();
            results.Add(lease.IsAcquired);
        }

        using var rejected = await onB.AcquireAsync();
        using var other = await otherClient.AcquireAsync();

        // Assert
        Assert.Equal([true, true, true, true, true, false], results);
        Assert.True(rejected.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(50), retryAfter); // the window ends at the next full minute
        Assert.True(other.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_NextWindow_StartsAgain()
    {
        // Arrange
        var store = new InMemoryClusterStore(_time);
        using var limiter = new SharedSignInLimiter("203.0.113.7", store, _settings, _time);
        for (var i = 0; i < 6; i++)
        {
            (await limiter.AcquireAsync()).Dispose();
        }

        // Act
        _time.Advance(TimeSpan.FromMinutes(1));
        using var lease = await limiter.AcquireAsync();

        // Assert
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_StoreDown_FailsOpenPerNodeWithTheLocalWindow()
    {
        // Arrange
        var store = new InMemoryClusterStore(_time) { Available = false };
        using var onA = new SharedSignInLimiter("203.0.113.7", store, _settings, _time);
        using var onB = new SharedSignInLimiter("203.0.113.7", store, _settings, _time);

        // Act: six attempts on each node.
        var onAResults = new List<bool>();
        var onBResults = new List<bool>();
        for (var i = 0; i < 6; i++)
        {
            using var a = await onA.AcquireAsync();
            using var b = await onB.AcquireAsync();
            onAResults.Add(a.IsAcquired);
            onBResults.Add(b.IsAcquired);
        }

        // Assert: each node counts alone.
        Assert.Equal([true, true, true, true, true, false], onAResults);
        Assert.Equal([true, true, true, true, true, false], onBResults);
    }

    [Fact]
    public void AttemptAcquire_StoreUp_DefersToTheAsynchronousCount()
    {
        // Arrange
        var store = new InMemoryClusterStore(_time);
        using var limiter = new SharedSignInLimiter("203.0.113.7", store, _settings, _time);

        // Act
        using var lease = limiter.AttemptAcquire();

        // Assert: not acquired (so the middleware awaits AcquireAsync), and nothing counted yet.
        Assert.False(lease.IsAcquired);
        Assert.False(lease.TryGetMetadata(MetadataName.RetryAfter, out _));
    }
}
