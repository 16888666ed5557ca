using ActorRuntime;
using Dashboard.Hubs;
using Dashboard.Services;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Extensions;

/// <summary>Registers and maps the <c>/hubs/heartbeat</c> SignalR hub for non-browser clients.</summary>
public static class HubExtensions
{
    /// <summary>
    /// The category of SignalR's hub dispatcher, which logs every exception a hub method throws at Error with its
    /// stack trace — including each <see cref="HubException"/> thrown on purpose to refuse a call.
    /// </summary>
    private const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    /// <summary>
    /// Adds <see cref="HeartbeatHub"/> with its own limits (<see cref="HeartbeatHubOptions"/>, validated at start-up):
    /// messages of at most 32 KB, no detailed errors, a per-connection call budget and string enums on the wire.
    /// The Blazor circuit hub keeps its own settings.
    /// </summary>
    /// <remarks>
    /// SignalR's dispatcher logs only from Critical on: otherwise each refused call (a client over its budget, bad
    /// arguments) would leave an Error entry with a stack trace, and one hostile client could write a thousand a
    /// second. <see cref="HeartbeatHubFilter"/> logs refusals at Debug and real failures of the hub's methods at Error.
    /// Blazor's circuit hub reports its own errors through the circuit's log.
    /// </remarks>
    public static IServiceCollection AddHeartbeatHub(this IServiceCollection services)
    {
        services.AddOptions<HeartbeatHubOptions>()
            .BindConfiguration(HeartbeatHubOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<ActorSessionFactory>();
        services.AddSingleton<HubSessionRegistry>();
        services.AddSingleton<HeartbeatHubFilter>();
        services.AddLogging(logging => logging.AddFilter(DispatcherCategory, LogLevel.Critical));
        services.AddSignalR()
            .AddJsonProtocol(json => HeartbeatHubProtocol.Configure(json.PayloadSerializerOptions))
            .AddHubOptions<HeartbeatHub>(_ => { }); // registers the per-hub options; their values are set below, from configuration
        services.AddOptions<HubOptions<HeartbeatHub>>()
            .Configure<IOptions<HeartbeatHubOptions>>((hub, limits) =>
            {
                hub.EnableDetailedErrors = false;
                hub.MaximumReceiveMessageSize = limits.Value.MaxMessageSize;
                hub.MaximumParallelInvocationsPerClient = limits.Value.MaxParallelInvocations;
                hub.AddFilter<HeartbeatHubFilter>();
            });
        return services;
    }

    /// <summary>
    /// Maps the hub at <see cref="HeartbeatHubProtocol.Path"/>. A new connection (negotiate, or a WebSocket
    /// without a connection id) is answered <c>503 Service Unavailable</c> with <c>Retry-After</c> while the
    /// node is at its actor limit; one that slips past that check is closed by the hub with the same reason.
    /// </summary>
    public static WebApplication MapHeartbeatHub(this WebApplication app)
    {
        app.UseWhen(IsNewHubConnection, branch => branch.Use(RefuseWhenFullAsync));
        app.MapHub<HeartbeatHub>(HeartbeatHubProtocol.Path, connection =>
            connection.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling);
        return app;
    }

    private static bool IsNewHubConnection(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HeartbeatHubProtocol.Path, StringComparison.OrdinalIgnoreCase, out var rest) &&
        (rest.Equals("/negotiate", StringComparison.OrdinalIgnoreCase) || (!rest.HasValue && !context.Request.Query.ContainsKey("id")));

    private static async Task RefuseWhenFullAsync(HttpContext context, RequestDelegate next)
    {
        var system = context.RequestServices.GetRequiredService<ActorSystem>();
        if (system.ActorCount < system.Options.MaxActors)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        await context.Response.WriteAsync($"The server is at capacity ({system.Options.MaxActors} actors). Try again later.");
    }
}
