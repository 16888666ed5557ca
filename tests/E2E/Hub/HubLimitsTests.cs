using System.Net;
using Dashboard.Hubs;
using Dashboard.Services;
using E2E.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace E2E.Hub;

[Collection(HubLimitsCollection.Name)]
public sealed class HubLimitsTests(HubLimitsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    // Every test starts from an empty node: the previous test's connections must be gone (an actor busy with a
    // 5 s flood message stops once that message is done).
    public Task DisposeAsync() =>
        Until.TrueAsync(() => fixture.Actors().ActorCount == 0, "every actor of the test stopped", TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Invoke_FasterThanTheBudget_ThrowsHubExceptionThenRecovers()
    {
        // Arrange: a burst of 3, refilled at 1 call per second.
        await using var connection = await HubClients.ConnectAsync(fixture);

        // Act: 10 calls at once; the bucket holds 3 (one more if a refill lands meanwhile).
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            try
            {
                await connection.InvokeAsync<ExternalWorkDto>("Configure", 0, 0.0, 0.0);
                return null;
            }
            catch (HubException error)
            {
                return error;
            }
        }));

        // Assert
        var refused = outcomes.OfType<HubException>().ToList();
        Assert.InRange(refused.Count, 5, 7);
        Assert.All(refused, error => Assert.Contains(
            "Too many calls: a connection may make 1 calls per second (bursts of 3). 'Configure' was refused; slow down and retry.",
            error.Message,
            StringComparison.Ordinal));
        await connection.AssertHealthyOnceTheBudgetRefillsAsync();
    }

    [Fact]
    public async Task Connect_NodeAtMaxActors_IsRefusedWith503()
    {
        // Arrange
        var connections = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => HubClients.ConnectAsync(fixture)));
        try
        {
            // Act
            await using var refused = HubClients.Create(fixture);
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => refused.StartAsync());

            // Assert
            Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
            using var http = fixture.CreateHttpClient();
            using var negotiate = await http.PostAsync(new Uri("hubs/heartbeat/negotiate?negotiateVersion=1", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate.StatusCode);
            Assert.Contains("at capacity (3 actors)", await negotiate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("5", negotiate.Headers.RetryAfter?.ToString());
            foreach (var connection in connections)
            {
                await connection.AssertHealthyAsync(); // the connections already in keep working
            }
        }
        finally
        {
            await Task.WhenAll(connections.Select(connection => connection.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Connect_NodeFillsUpAfterNegotiate_ClosesWithTheReason()
    {
        // Arrange: the node fills up between the client's negotiate (which passes) and its hub handshake.
        var fillers = new List<ActorSession>();
        var factory = fixture.Server.Services.GetRequiredService<ActorSessionFactory>();
        await using var late = HubClients.Create(fixture, options => options.HttpMessageHandlerFactory = inner => new AfterNegotiate(inner, () =>
        {
            for (var session = factory.Create(); session.TryStart(OwnerKind.Virtual); session = factory.Create())
            {
                fillers.Add(session);
            }
        }));
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        late.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };

        try
        {
            // Act
            try
            {
                await late.StartAsync();
            }
            catch (HubException)
            {
                // Depending on timing the close may arrive during StartAsync; the reason is checked below.
            }

            var reason = await closed.Task.WaitAsync(Until.DefaultTimeout);

            // Assert
            Assert.Equal(3, fillers.Count);
            Assert.NotNull(reason);
            Assert.Contains("The server is at capacity (3 actors): this connection gets no actor", reason.Message, StringComparison.Ordinal);
            Assert.Equal(0, fixture.Server.Services.GetRequiredService<HubSessionRegistry>().Count);
        }
        finally
        {
            foreach (var filler in fillers)
            {
                await filler.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Request_MailboxFull_ReturnsMailboxFull()
    {
        // Arrange: with a mailbox of one, a second flood message gets in only once the actor has taken the first,
        // which keeps it busy for 5 s; so after two accepted messages the mailbox is full. A refill loop keeps it full
        // (each time the actor takes a message, the next flood message takes the free place), so the request finds
        // it full however slow the machine is.
        await using var connection = await HubClients.ConnectAsync(fixture);
        var session = fixture.ServerSide(connection).Session;
        var accepted = 0;
        var deadline = DateTime.UtcNow + Until.DefaultTimeout;
        while (accepted < 2 && DateTime.UtcNow < deadline)
        {
            accepted += session.Flood(1).Accepted;
            Thread.Yield();
        }

        Assert.Equal(2, accepted);
        using var stopRefill = new CancellationTokenSource();
        var refill = Task.Factory.StartNew(
            () =>
            {
                while (!stopRefill.IsCancellationRequested)
                {
                    session.Flood(1);
                    Thread.Yield();
                }
            },
            TaskCreationOptions.LongRunning);

        // Act
        CallResultDto result;
        try
        {
            result = await connection.InvokeAsync<CallResultDto>("Request", 5_000);
        }
        finally
        {
            await stopRefill.CancelAsync();
            await refill;
        }

        // Assert
        Assert.Equal(CallOutcomeKind.MailboxFull, result.Outcome);
        Assert.Contains("mailbox full (1)", result.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    /// <summary>Runs an action once, right after the negotiate response arrives.</summary>
    private sealed class AfterNegotiate(HttpMessageHandler inner, Action action) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath.EndsWith("/negotiate", StringComparison.Ordinal) == true)
            {
                action();
            }

            return response;
        }
    }
}
