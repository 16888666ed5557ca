using ActorRuntime;
using Dashboard.Hubs;
using E2E.Infrastructure;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace E2E.Hub;

/// <summary>Real SignalR .NET clients of <c>/hubs/heartbeat</c> on the fixture's server, plus a look at the server side.</summary>
internal static class HubClients
{
    /// <summary>A connection (not started) to the hub of <paramref name="fixture"/>.</summary>
    public static HubConnection Create(DashboardFixture fixture, Action<HttpConnectionOptions>? configure = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.BaseAddress, HeartbeatHubProtocol.Path.TrimStart('/')), options => configure?.Invoke(options))
            .AddJsonProtocol(json => HeartbeatHubProtocol.Configure(json.PayloadSerializerOptions))
            .Build();

    /// <summary>A started connection whose actor the server has spawned.</summary>
    /// <remarks>
    /// The client's <c>StartAsync</c> returns after the handshake, which the server answers before it runs
    /// <c>OnConnectedAsync</c>; so this also waits until the connection shows up in the registry.
    /// </remarks>
    public static async Task<HubConnection> ConnectAsync(DashboardFixture fixture, Action<HttpConnectionOptions>? configure = null)
    {
        var connection = Create(fixture, configure);
        await connection.StartAsync();
        var registry = fixture.Server.Services.GetRequiredService<HubSessionRegistry>();
        await Until.TrueAsync(() => registry.Find(connection.ConnectionId!) is not null, $"the server opened {connection.ConnectionId}");
        return connection;
    }

    /// <summary>The server's record of <paramref name="connection"/> (its actor session).</summary>
    public static HubClient ServerSide(this DashboardFixture fixture, HubConnection connection) =>
        fixture.Server.Services.GetRequiredService<HubSessionRegistry>().Find(connection.ConnectionId!)
        ?? throw new InvalidOperationException($"The server has no client {connection.ConnectionId}.");

    /// <summary>The pid of <paramref name="connection"/>'s actor.</summary>
    public static Pid PidOf(this DashboardFixture fixture, HubConnection connection) =>
        fixture.ServerSide(connection).Session.Pid ?? throw new InvalidOperationException("The connection's actor has no pid.");

    /// <summary>The server's actor system.</summary>
    public static ActorSystem Actors(this DashboardFixture fixture) => fixture.Server.Services.GetRequiredService<ActorSystem>();

    /// <summary>A deferred call that must succeed: the proof that a connection is still healthy.</summary>
    public static async Task AssertHealthyAsync(this HubConnection connection)
    {
        Assert.Equal(HubConnectionState.Connected, connection.State);
        var result = await connection.InvokeAsync<CallResultDto>("Request", 5_000);
        Assert.Equal(CallOutcomeKind.Replied, result.Outcome);
    }

    /// <summary>
    /// Like <see cref="AssertHealthyAsync"/> after the connection spent its call budget: a refusal by the
    /// per-connection rate limit is waited out, anything else fails.
    /// </summary>
    public static async Task AssertHealthyOnceTheBudgetRefillsAsync(this HubConnection connection)
    {
        Assert.Equal(HubConnectionState.Connected, connection.State);
        CallResultDto? result = null;
        await Until.TrueAsync(
            async () =>
            {
                try
                {
                    result = await connection.InvokeAsync<CallResultDto>("Request", 5_000);
                    return true;
                }
                catch (HubException error) when (error.Message.Contains("Too many calls", StringComparison.Ordinal))
                {
                    return false;
                }
            },
            "the connection's call budget refills");
        Assert.Equal(CallOutcomeKind.Replied, result!.Outcome);
    }
}
