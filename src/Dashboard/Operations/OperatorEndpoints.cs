using ActorRuntime;
using Dashboard.Auth;
using Dashboard.Cluster;
using Dashboard.Overview;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Dashboard.Operations;

/// <summary>
/// The operator's HTTP endpoints, both behind the <see cref="AdminPolicy.Name"/> policy (a visitor is redirected to
/// the sign-in page): <c>POST /actors/{pid}/operator/{action}</c> (antiforgery-checked, for scripts and curl; the
/// drill-down page acts through its circuit instead) and <see cref="OverviewExport.Path"/>.
/// </summary>
public static partial class OperatorEndpoints
{
    /// <summary>The action endpoint's route.</summary>
    public const string ActionPath = "/actors/{pid}/operator/{action}";

    /// <summary>Maps both endpoints.</summary>
    public static WebApplication MapOperatorEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(ActionPath, RunActionAsync)
            .RequireAuthorization(AdminPolicy.Name)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapGet(OverviewExport.Path, Export)
            .RequireAuthorization(AdminPolicy.Name);
        return app;
    }

    private static async Task<IResult> RunActionAsync(string pid, string action, long? requestId, HttpContext context, ActorOperations operations, AuthenticationStateProvider authentication)
    {
        // The antiforgery middleware validates, but only form binding enforces its verdict, and this handler binds no form.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return Results.BadRequest("The request is missing its antiforgery token: POST a form with the __RequestVerificationToken of a signed-in page.");
        }

        if (!Pid.TryParse(pid, null, out var target))
        {
            return Results.BadRequest($"'{pid}' is not a pid; use the form <0.42.0> or a number like 42.");
        }

        if (!OperatorCommand.TryParseKind(action, out var kind))
        {
            return Results.BadRequest($"'{action}' is not an operator action; use one of {string.Join(", ", Enum.GetValues<OperatorActionKind>().Select(OperatorCommand.NameOf))}.");
        }

        if (kind == OperatorActionKind.CancelCall && requestId is not > 0)
        {
            return Results.BadRequest("cancel-call needs ?requestId=N (the pending call's request id, see the drill-down's pending calls).");
        }

        // The service checks the user of its scope: here, the request's.
        ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        var result = await operations.RunAsync(new OperatorCommand(kind, target, requestId ?? 0));
        var body = new { outcome = result.Outcome.ToString(), message = result.Message, count = result.Count };
        return result.Outcome switch
        {
            OperatorOutcome.Done => Results.Ok(body),
            OperatorOutcome.NotFound => Results.NotFound(body),
            OperatorOutcome.Refused => Results.Json(body, statusCode: StatusCodes.Status403Forbidden),
            _ => Results.Json(body, statusCode: StatusCodes.Status504GatewayTimeout),
        };
    }

    private static IResult Export(HttpContext context, ClusterOverview overview, TimeProvider time, ILoggerFactory loggers)
    {
        var (format, query, error) = OverviewExport.Parse(context.Request.Query);
        if (error is not null)
        {
            return Results.BadRequest(error);
        }

        var rows = OverviewExport.AllRows(overview, query!);
        var logger = loggers.CreateLogger(typeof(OverviewExport).FullName!);
        var (who, at) = (ActorOperations.OperatorName(context.User), time.GetUtcNow());
        Log.Exported(logger, rows.Count, format!, who, at);
        var name = $"actors-{at:yyyyMMdd-HHmmss}.{format}";
        return format == "csv"
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(OverviewExport.ToCsv(rows, overview)), "text/csv; charset=utf-8", name)
            : Results.File(System.Text.Encoding.UTF8.GetBytes(OverviewExport.ToJson(rows, overview)), "application/json; charset=utf-8", name);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "Operator {Operator} exported {Rows} overview rows as {Format} at {At}.")]
        public static partial void Exported(ILogger logger, int rows, string format, string @operator, DateTimeOffset at);
    }
}
