using System.Security.Claims;
using ActorRuntime;
using Dashboard.Auth;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Operations;

/// <summary>
/// The one place where the dashboard acts on the runtime for an operator: Stop, Kill, Restart, Flush mailbox and
/// Cancel a pending call, and the drill-down's reads of an actor's pending calls and described state.
/// </summary>
/// <remarks>
/// <para>
/// Scoped: it checks the user of its own scope — a circuit's (its <see cref="AuthenticationStateProvider"/>) or, for
/// <c>POST /actors/{pid}/operator/{action}</c>, the request's (the endpoint hands it over, see
/// <see cref="OperatorEndpoints"/>) — against the <see cref="AdminPolicy.Name"/> policy before every action, so a
/// non-admin is refused here whatever the page shows. Every action, refused or not, writes one structured log event
/// (ids 1301–1303) with who, what and when; the owning session of the actor (if any) is told, so that its tab can
/// show what happened to its actor.
/// </para>
/// <para>Actions reach local actors only: a pid on another node is not alive here and gets <see cref="OperatorOutcome.NotFound"/>.</para>
/// </remarks>
public sealed partial class ActorOperations(
    ActorSystem system,
    ActorDirectory directory,
    AuthenticationStateProvider authentication,
    IAuthorizationService authorization,
    ILogger<ActorOperations> logger)
{
    /// <summary>The stop reason an operator's Stop gives (what waiting callers read).</summary>
    public const string StopReason = "stopped by an operator";

    /// <summary>Whether this build of the runtime offers <paramref name="kind"/> at all (for any actor).</summary>
    /// <remarks>Until the runtime's operator API lands, Restart, Flush and Cancel are not available and Kill only for heartbeat actors.</remarks>
    public static bool RuntimeSupports(OperatorActionKind kind) => kind is OperatorActionKind.Stop or OperatorActionKind.Kill;

    /// <summary>Whether <paramref name="kind"/> can be done to <paramref name="pid"/> now (it is alive here and the action applies to it).</summary>
    public bool CanDo(OperatorActionKind kind, Pid pid) =>
        system.GetInfo(pid) is { } info && kind switch
        {
            OperatorActionKind.Stop => true,
            OperatorActionKind.Kill => IsHeartbeatActor(info),
            _ => RuntimeSupports(kind),
        };

    /// <summary>Carries out <paramref name="command"/> if the scope's user is an admin; never throws for runtime outcomes.</summary>
    public async Task<OperatorResult> RunAsync(OperatorCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var who = OperatorName(user);
        if (!(await authorization.AuthorizeAsync(user, AdminPolicy.Name)).Succeeded)
        {
            var refusedAt = system.Time.GetUtcNow();
            Log.Refused(logger, command.Name, command.Pid, command.RequestId, who, refusedAt);
            return new OperatorResult(OperatorOutcome.Refused, "Only a signed-in operator (admin) may do this; nothing was done.");
        }

        var result = system.GetInfo(command.Pid) is { } info
            ? await CarryOutAsync(command, info)
            : new OperatorResult(OperatorOutcome.NotFound, $"{command.Pid} is not alive on this node; nothing was done.");
        var at = system.Time.GetUtcNow();
        if (result.Done)
        {
            Log.Done(logger, command.Name, command.Pid, command.RequestId, result.Count, who, at);
            directory.Find(command.Pid)?.NoteOperatorAction(new OperatorNotice(command.Kind, command.Pid, NoticeText(command, result), at));
        }
        else
        {
            Log.NotDone(logger, command.Name, command.Pid, command.RequestId, result.Outcome, who, at);
        }

        return result;
    }

    /// <summary>The callers of <paramref name="pid"/> that still wait, oldest first (empty when it is not alive here).</summary>
    public IReadOnlyList<PendingCallRow> PendingCalls(Pid pid)
    {
        var owner = directory.Find(pid)?.Owner.ToString().ToLowerInvariant() ?? system.GetInfo(pid)?.Owner ?? "—";
        var now = system.Time.GetUtcNow();
        return
        [
            .. system.GetDeferredCalls(pid)
                .OrderByDescending(call => call.Elapsed)
                .Select(call => new PendingCallRow(
                    call.RequestId,
                    Caller(owner, call.Request),
                    Describe(call.Request),
                    call.Elapsed,
                    call.Timeout == Timeout.InfiniteTimeSpan ? null : now + (call.Timeout - call.Elapsed),
                    call.Phase.ToString().ToLowerInvariant())),
        ];
    }

    /// <summary>
    /// The actor's own, redacted description of its state, or null when it does not opt in (or is not alive here).
    /// </summary>
    /// <remarks>Needs the runtime's <c>IDescribeState</c>; until it lands, no actor describes its state.</remarks>
    public Task<IReadOnlyDictionary<string, string>?> DescribeStateAsync(Pid pid, TimeSpan timeout) =>
        Task.FromResult<IReadOnlyDictionary<string, string>?>(null);

    /// <summary>Starts a bounded trace of <paramref name="pid"/> if the scope's user is an admin; a clear error otherwise.</summary>
    public async Task<(ActorTrace? Trace, string? Error)> StartTraceAsync(Pid pid, TraceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var who = OperatorName(user);
        if (!(await authorization.AuthorizeAsync(user, AdminPolicy.Name)).Succeeded)
        {
            var refusedAt = system.Time.GetUtcNow();
            Log.Refused(logger, "trace", pid, 0, who, refusedAt);
            return (null, "Only a signed-in operator (admin) may trace an actor.");
        }

        try
        {
            var trace = ActorTrace.Start(system, pid, limits);
            var at = system.Time.GetUtcNow();
            Log.TraceStarted(logger, pid, limits.Messages, limits.Duration, who, at);
            return (trace, null);
        }
        catch (ActorExitedException)
        {
            return (null, $"{pid} is not alive on this node; nothing to trace.");
        }
    }

    /// <summary>The name logs give the user: the identity's name, or <c>anonymous</c>.</summary>
    internal static string OperatorName(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    private async Task<OperatorResult> CarryOutAsync(OperatorCommand command, ActorInfo info)
    {
        switch (command.Kind)
        {
            case OperatorActionKind.Stop:
                await system.StopAsync(command.Pid, StopReason);
                return new OperatorResult(OperatorOutcome.Done, $"{command.Pid} stopped; its waiting callers failed at once.");
            case OperatorActionKind.Kill when IsHeartbeatActor(info):
                // Until the runtime's Kill: the heartbeat actors' own crash message (it queues behind the mailbox).
                return system.TryCast(command.Pid, CrashCommand.Instance)
                    ? new OperatorResult(OperatorOutcome.Done, $"{command.Pid} was sent a crash; its restart policy decides what comes next.")
                    : new OperatorResult(OperatorOutcome.NotFound, $"{command.Pid} took no crash (mailbox full or gone); nothing was done.");
            default:
                return new OperatorResult(OperatorOutcome.NotSupported, NotSupportedText(command.Kind));
        }
    }

    private static string NotSupportedText(OperatorActionKind kind) => kind == OperatorActionKind.Kill
        ? "Kill needs the runtime's Kill operation for actors other than heartbeat actors; nothing was done."
        : $"{OperatorCommand.NameOf(kind)} needs the runtime's operator API (not in this build); nothing was done.";

    private static string NoticeText(OperatorCommand command, OperatorResult result) => command.Kind switch
    {
        OperatorActionKind.Stop => "Your actor was stopped by an operator.",
        OperatorActionKind.Kill => "Your actor was killed by an operator; its restart policy decides what comes next.",
        OperatorActionKind.Restart => "Your actor was restarted by an operator.",
        OperatorActionKind.FlushMailbox => $"Your actor's mailbox was flushed by an operator ({result.Count} messages dropped).",
        _ => $"Call #{command.RequestId} was cancelled by an operator.",
    };

    private static bool IsHeartbeatActor(ActorInfo info) => info.Name is nameof(HeartbeatActor) or nameof(NaiveHeartbeatActor);

    private static string Caller(string owner, object request) =>
        request is HeartbeatRequest heartbeat ? $"{owner} · {heartbeat.Origin.ToString().ToLowerInvariant()}" : owner;

    private static string Describe(object request) =>
        request is HeartbeatRequest heartbeat ? $"HeartbeatRequest #{heartbeat.CallId}" : request.GetType().Name;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Operator {Operator} did {Action} to {Pid} (call {RequestId}, count {Count}) at {At}.")]
        public static partial void Done(ILogger logger, string action, Pid pid, long requestId, int count, string @operator, DateTimeOffset at);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Refused {Action} on {Pid} (call {RequestId}) for {Operator} at {At}: not an admin.")]
        public static partial void Refused(ILogger logger, string action, Pid pid, long requestId, string @operator, DateTimeOffset at);

        [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Operator {Operator} started a trace of {Pid} for at most {Messages} messages or {Duration} at {At}.")]
        public static partial void TraceStarted(ILogger logger, Pid pid, int messages, TimeSpan duration, string @operator, DateTimeOffset at);

        [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Operator {Operator} asked for {Action} on {Pid} (call {RequestId}) at {At}; not done: {Outcome}.")]
        public static partial void NotDone(ILogger logger, string action, Pid pid, long requestId, OperatorOutcome outcome, string @operator, DateTimeOffset at);
    }
}

/// <summary>A caller still waiting on an actor, as the drill-down's pending-calls table lists it.</summary>
/// <param name="RequestId">The runtime's request id (what Cancel names).</param>
/// <param name="Caller">Who waits: the owner and, for heartbeat calls, the call's origin.</param>
/// <param name="Request">What was asked (its type and the caller's call id, never its contents).</param>
/// <param name="Age">Time since the call started.</param>
/// <param name="Deadline">When the caller stops waiting; null for no timeout.</param>
/// <param name="Phase"><c>queued</c>, <c>handling</c> or <c>deferred</c>.</param>
public sealed record PendingCallRow(long RequestId, string Caller, string Request, TimeSpan Age, DateTimeOffset? Deadline, string Phase);
