using System.Diagnostics;
using System.Net;
using Dashboard.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LoadSim;

/// <summary>
/// One simulated tab: its own SignalR connection (so its own actor on the server), a heartbeat on a jittered
/// timer, requests at its share of the run's rate, and optionally its telemetry stream. It never waits for a
/// call before sending the next one, like the browser's timer.
/// </summary>
internal sealed class SimUser(int index, LoadOptions options, LoadStats stats)
{
    private readonly List<Task> _calls = [];
    private readonly Lock _callsLock = new();
    private HubConnection? _connection;
    private volatile bool _stopping;

    /// <summary>Connects (with the WebSocket transport, no negotiate round trip); false when the server refused or failed.</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(options.Url, Dashboard.Hubs.HeartbeatHubProtocol.Path), HttpTransportType.WebSockets, http => http.SkipNegotiation = true)
            .AddJsonProtocol(json => HeartbeatHubProtocol.Configure(json.PayloadSerializerOptions))
            .Build();
        connection.Closed += error =>
        {
            stats.OnDisconnected();
            if (!_stopping)
            {
                stats.OnUnexpectedClose();
            }

            return Task.CompletedTask;
        };

        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            stats.OnConnectFailed("still connecting when the run ended");
            await connection.DisposeAsync();
            return false;
        }
        catch (Exception error)
        {
            stats.OnConnectFailed(Describe(error));
            await connection.DisposeAsync();
            return false;
        }

        stats.OnConnected();
        _connection = connection;
        return true;
    }

    /// <summary>Runs the tab's behaviour until <paramref name="stop"/> fires.</summary>
    public async Task RunAsync(bool streamTelemetry, CancellationToken stop)
    {
        if (_connection is not { } connection)
        {
            return;
        }

        if (options.Configures && !await ConfigureAsync(connection, stop))
        {
            return;
        }

        var loops = new List<Task> { HeartbeatLoopAsync(connection, stop) };
        if (options.RequestRate > 0)
        {
            loops.Add(RequestLoopAsync(connection, stop));
        }

        if (streamTelemetry)
        {
            loops.Add(TelemetryLoopAsync(connection, stop));
        }

        await Task.WhenAll(loops);
    }

    private async Task<bool> ConfigureAsync(HubConnection connection, CancellationToken stop)
    {
        try
        {
            await connection.InvokeAsync<ExternalWorkDto>(
                "Configure",
                (int)(options.Latency ?? TimeSpan.FromMilliseconds(300)).TotalMilliseconds,
                options.FailureRate ?? 0.0,
                options.NeverAnswersRate ?? 0.0,
                stop);
            return true;
        }
        catch (HubException error)
        {
            stats.OnConnectFailed($"Configure refused: {error.Message}");
            return false;
        }
        catch (Exception error) when (error is OperationCanceledException or InvalidOperationException or IOException)
        {
            return false; // the run ended or the connection closed (counted by Closed)
        }
    }

    /// <summary>Waits until every call sent has an outcome, at most <paramref name="grace"/>; the rest count as lost.</summary>
    public async Task SettleAsync(TimeSpan grace)
    {
        Task[] calls;
        lock (_callsLock)
        {
            calls = [.. _calls];
        }

        await Task.WhenAny(Task.WhenAll(calls), Task.Delay(grace));
    }

    /// <summary>Closes the connection (an expected close).</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task HeartbeatLoopAsync(HubConnection connection, CancellationToken stop)
    {
        try
        {
            // A random first pause spreads the users' heartbeats over the interval, as real tabs opened at different times.
            await Task.Delay(options.HeartbeatMax * Random.Shared.NextDouble(), stop);
            while (!stop.IsCancellationRequested)
            {
                Track(connection, "Heartbeat", []);
                await Task.Delay(options.HeartbeatMin + ((options.HeartbeatMax - options.HeartbeatMin) * Random.Shared.NextDouble()), stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RequestLoopAsync(HubConnection connection, CancellationToken stop)
    {
        var perUser = options.RequestRate / options.Users;
        var timeoutMs = (int)options.RequestTimeout.TotalMilliseconds;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                // Poisson arrivals: exponential pauses with the user's mean.
                await Task.Delay(TimeSpan.FromSeconds(-Math.Log(1 - Random.Shared.NextDouble()) / perUser), stop);
                Track(connection, "Request", [timeoutMs]);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task TelemetryLoopAsync(HubConnection connection, CancellationToken stop)
    {
        try
        {
            await foreach (var snapshot in connection.StreamAsync<TelemetryDto>("StreamTelemetry", stop))
            {
                stats.OnTelemetry(snapshot);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception error) when (error is HubException or InvalidOperationException)
        {
            if (!_stopping && !stop.IsCancellationRequested)
            {
                stats.OnRefused($"telemetry: {Describe(error)}");
            }
        }
    }

    /// <summary>Sends one call without waiting for it; its outcome lands in the stats.</summary>
    private void Track(HubConnection connection, string method, object[] args)
    {
        var call = CallAsync(connection, method, args);
        lock (_callsLock)
        {
            _calls.RemoveAll(task => task.IsCompleted);
            _calls.Add(call);
        }
    }

    private async Task CallAsync(HubConnection connection, string method, object[] args)
    {
        stats.OnCallStarted();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await connection.InvokeCoreAsync<CallResultDto>(method, args);
            stats.OnOutcome(result, started);
        }
        catch (HubException error) when (error.Message.Contains("Too many calls", StringComparison.Ordinal))
        {
            stats.OnRefused("rateLimited");
        }
        catch (HubException error)
        {
            stats.OnRefused($"hubError: {error.Message}");
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or TaskCanceledException or OperationCanceledException)
        {
            stats.OnLost(_stopping ? "connection closed by the run" : "connection lost");
        }
    }

    private static string Describe(Exception error) =>
        error is HttpRequestException { StatusCode: HttpStatusCode.ServiceUnavailable } || error.ToString().Contains("'503'", StringComparison.Ordinal)
            ? "503 at capacity"
            : $"{error.GetType().Name}: {error.Message}";

    public override string ToString() => $"user {index}";
}
