using Dashboard.Hubs;
using E2E.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TestSupport;

namespace E2E.Hub;

/// <summary>Each bad input gets a clear <see cref="HubException"/> and leaves the connection healthy.</summary>
[Collection(DashboardCollection.Name)]
public sealed class HubBadInputTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(60_001)]
    [InlineData(int.MaxValue)]
    public async Task Request_TimeoutOutOfRange_ThrowsClearHubExceptionAndStaysHealthy(int timeoutMs)
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);

        // Act
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<CallResultDto>("Request", timeoutMs));

        // Assert
        Assert.Contains($"timeoutMs must be between 1 and 60000 (was {timeoutMs})", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error.Message, StringComparison.Ordinal); // no stack trace
        await connection.AssertHealthyAsync();
    }

    [Theory]
    [InlineData(-5, 0.0, 0.0, "Latency must be between 0 and 60 s")]
    [InlineData(60_001, 0.0, 0.0, "Latency must be between 0 and 60 s")]
    [InlineData(100, 1.5, 0.0, "Failure rate must be between 0 and 1")]
    [InlineData(100, 0.0, -0.1, "Never-answers rate must be between 0 and 1")]
    public async Task Configure_OutOfRange_ThrowsClearHubExceptionAndKeepsTheSettings(int latencyMs, double failureRate, double neverAnswersRate, string expected)
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);
        var before = fixture.ServerSide(connection).Session.Worker.Settings;

        // Act
        var error = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<ExternalWorkDto>("Configure", latencyMs, failureRate, neverAnswersRate));

        // Assert
        Assert.Contains("Invalid arguments for 'Configure'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.ServerSide(connection).Session.Worker.Settings);
        await connection.AssertHealthyAsync();
    }

    [Fact]
    public async Task Invoke_UnknownMethod_ThrowsHubExceptionAndStaysHealthy()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);

        // Act
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<object>("StopEveryActor"));

        // Assert
        Assert.Contains("Method does not exist", error.Message, StringComparison.Ordinal);
        await connection.AssertHealthyAsync();
    }

    [Fact]
    public async Task Invoke_WrongArgumentTypes_ThrowsHubExceptionAndStaysHealthy()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);
        var large = new string('x', 20_000); // under the 32 KB limit

        // Act
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<CallResultDto>("Request", large));

        // Assert
        Assert.Contains("Failed to invoke 'Request'", error.Message, StringComparison.Ordinal);
        await connection.AssertHealthyAsync();
    }

    [Fact]
    public async Task Invoke_MessageOver32KB_ClosesOnlyThatConnectionAndStopsItsActor()
    {
        // Arrange
        await using var bystander = await HubClients.ConnectAsync(fixture);
        await using var offender = await HubClients.ConnectAsync(fixture);
        var pid = fixture.PidOf(offender);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        offender.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };

        // Act
        var call = offender.InvokeAsync<CallResultDto>("Request", new string('x', 40_000));
        var reason = await closed.Task.WaitAsync(Until.DefaultTimeout);

        // Assert
        await Assert.ThrowsAnyAsync<Exception>(() => call);
        Assert.NotNull(reason); // closed by the server, with an error
        await Until.TrueAsync(() => !fixture.Actors().IsAlive(pid), $"actor {pid} of the closed connection stopped");
        await bystander.AssertHealthyAsync();
        await using var again = await HubClients.ConnectAsync(fixture);
        await again.AssertHealthyAsync();
    }

    [Fact]
    public async Task StreamTelemetry_Twice_SecondThrowsHubExceptionAndFirstGoesOn()
    {
        // Arrange
        await using var connection = await HubClients.ConnectAsync(fixture);
        using var stop = new CancellationTokenSource();
        await using var first = connection.StreamAsync<TelemetryDto>("StreamTelemetry", stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await first.MoveNextAsync());

        // Act
        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in connection.StreamAsync<TelemetryDto>("StreamTelemetry"))
            {
            }
        });

        // Assert
        Assert.Contains("already streams its telemetry", error.Message, StringComparison.Ordinal);
        Assert.True(await first.MoveNextAsync());
        await connection.AssertHealthyAsync();
    }
}
