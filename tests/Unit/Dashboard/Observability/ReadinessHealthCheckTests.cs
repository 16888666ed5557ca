using ActorRuntime;
using Dashboard.Observability;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Unit.Dashboard.Observability;

public sealed class ReadinessHealthCheckTests
{
    [Fact]
    public async Task CheckHealth_BelowTheLimit_IsHealthy_AtTheLimit_IsUnhealthy()
    {
        // Arrange
        await using var system = new ActorSystem(new ActorSystemOptions { MaxActors = 1 });
        var check = new ReadinessHealthCheck(system, new Lifetime());

        // Act
        var before = await check.CheckHealthAsync(new HealthCheckContext());
        system.Spawn(new Idle());
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        // Assert
        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Unhealthy, after.Status);
        Assert.Contains("limit of 1", after.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealth_WhileShuttingDown_IsUnhealthy()
    {
        // Arrange
        await using var system = new ActorSystem();
        var lifetime = new Lifetime();
        var check = new ReadinessHealthCheck(system, lifetime);

        // Act
        await lifetime.Stopping.CancelAsync();
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        // Assert
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    private sealed class Idle : GenServer<int>
    {
        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();
    }
}
