using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Hubs;

/// <summary>
/// Runs around every <see cref="HeartbeatHub"/> invocation: spends one token of the connection's call budget
/// (refusing the call with a <see cref="HubException"/> when there is none), and turns an
/// <see cref="ArgumentException"/> from the method into a <see cref="HubException"/> with the same message —
/// the only kind of exception whose message reaches the client while detailed errors are off.
/// </summary>
/// <remarks>
/// A refused or invalid call leaves the connection open and its actor untouched. Refusals are the client's
/// doing and are logged at Debug; any other exception from a hub method is logged here at Error (SignalR's own
/// "Failed to invoke hub method" entry, which would log every refusal with its stack trace, is filtered out by
/// <see cref="Extensions.HubExtensions.AddHeartbeatHub"/>).
/// </remarks>
internal sealed partial class HeartbeatHubFilter(HubSessionRegistry registry, IOptions<HeartbeatHubOptions> options, ILogger<HeartbeatHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (registry.Find(invocationContext.Context.ConnectionId) is { } client)
        {
            using var lease = client.Limiter.AttemptAcquire();
            if (!lease.IsAcquired)
            {
                Log.RateLimited(logger, invocationContext.Context.ConnectionId, invocationContext.HubMethodName);
                throw new HubException(
                    $"Too many calls: a connection may make {options.Value.CallsPerSecond} calls per second " +
                    $"(bursts of {options.Value.CallBurst}). '{invocationContext.HubMethodName}' was refused; slow down and retry.");
            }
        }

        try
        {
            return await next(invocationContext);
        }
        catch (ArgumentException error)
        {
            Log.InvalidArguments(logger, invocationContext.Context.ConnectionId, invocationContext.HubMethodName, error.Message);
            throw new HubException($"Invalid arguments for '{invocationContext.HubMethodName}': {error.Message}");
        }
        catch (Exception error) when (error is not HubException and not OperationCanceledException)
        {
            Log.Failed(logger, invocationContext.Context.ConnectionId, invocationContext.HubMethodName, error);
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Rate-limited {Method} on hub connection {ConnectionId}.")]
        public static partial void RateLimited(ILogger logger, string connectionId, string method);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Refused {Method} on hub connection {ConnectionId}: {Reason}")]
        public static partial void InvalidArguments(ILogger logger, string connectionId, string method, string reason);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Hub method {Method} failed on connection {ConnectionId}.")]
        public static partial void Failed(ILogger logger, string connectionId, string method, Exception exception);
    }
}
