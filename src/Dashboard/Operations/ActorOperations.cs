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

    /// <summary>How long an action waits for the actor to get between two messages before it reports that it is stuck.</summary>
    public static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether <paramref name="kind"/> can be done to <paramref name="pid"/> now: the actor is alive on this node.</summary>
    public bool CanDo(OperatorActionKind kind, Pid pid) => Enum.IsDefined(kind) && system.IsAlive(pid);

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

        var callId = command.Kind == OperatorActionKind.CancelCall ? CallIdOf(command) : 0;
        var result = system.IsAlive(command.Pid)
            ? await CarryOutAsync(command)
            : new OperatorResult(OperatorOutcome.NotFound, $"{command.Pid} is not alive on this node; nothing was done.");
        var at = system.Time.GetUtcNow();
        if (result.Done)
        {
            Log.Done(logger, command.Name, command.Pid, command.RequestId, result.Count, who, at);
            directory.Find(command.Pid)?.NoteOperatorAction(new OperatorNotice(command.Kind, command.Pid, NoticeText(command, result, callId), at));
        }
        else
        {
            Log.NotDone(logger, command.Name, command.Pid, command.RequestId, result.Outcome, who, at);
        }

        return result;
    }

    /// <summary>The callers of <paramref name="pid"/> that still wait — queued, in the handler or deferred — oldest first (empty when it is not alive here).</summary>
    public IReadOnlyList<PendingCallRow> PendingCalls(Pid pid)
    {
        var owner = directory.Find(pid)?.Owner.ToString().ToLowerInvariant() ?? system.GetInfo(pid)?.Owner ?? "—";
        return
        [
            .. system.GetPendingCalls(pid).Select(call => new PendingCallRow(
                call.RequestId,
                Caller(owner, call.Request),
                Describe(call.Request),
                call.Elapsed,
                call.Deadline == DateTimeOffset.MaxValue ? null : call.Deadline,
                call.Phase.ToString().ToLowerInvariant())),
        ];
    }

    /// <summary>
    /// The actor's own, redacted description of its state (<see cref="IDescribeState{TState}"/>), or null when it does
    /// not opt in, is not alive here, or the scope's user is not an admin (state can hold secrets).
    /// </summary>
    /// <remarks>Read on the actor's loop between messages: an actor stuck in a callback answers with one "unavailable" line after <paramref name="timeout"/>.</remarks>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>?> DescribeStateAsync(Pid pid, TimeSpan timeout)
    {
        if (!await IsAdminAsync() || !system.IsAlive(pid))
        {
            return null;
        }

        try
        {
            return await system.DescribeStateAsync(pid, timeout);
        }
        catch (TimeoutException)
        {
            return [new("unavailable", $"no answer within {timeout.TotalSeconds:0.#} s: a callback may be stuck (see its pending calls)")];
        }
        catch (ActorExitedException)
        {
            return null;
        }
    }

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

    private async Task<bool> IsAdminAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, AdminPolicy.Name)).Succeeded;
    }

    /// <remarks>The runtime runs these between two messages; <see cref="ActionTimeout"/> bounds the wait for a busy actor.</remarks>
    private async Task<OperatorResult> CarryOutAsync(OperatorCommand command)
    {
        var pid = command.Pid;
        try
        {
            switch (command.Kind)
            {
                case OperatorActionKind.Stop:
                    await system.StopAsync(pid, StopReason).WaitAsync(ActionTimeout, system.Time);
                    return new OperatorResult(OperatorOutcome.Done, $"{pid} stopped; its waiting callers failed at once.");
                case OperatorActionKind.Kill:
                    var restarted = await system.KillAsync(pid, "killed by an operator").WaitAsync(ActionTimeout, system.Time);
                    return new OperatorResult(OperatorOutcome.Done, restarted
                        ? $"{pid} was killed; its restart policy brought it back under the same pid."
                        : $"{pid} was killed; its restart policy let it exit.");
                case OperatorActionKind.Restart:
                    var initialised = await system.RestartAsync(pid, "restarted by an operator").WaitAsync(ActionTimeout, system.Time);
                    return new OperatorResult(OperatorOutcome.Done, initialised
                        ? $"{pid} restarted under the same pid; its waiting callers failed at once."
                        : $"{pid} was restarted but its InitAsync failed: it exited.");
                case OperatorActionKind.FlushMailbox:
                    var dropped = await system.FlushMailboxAsync(pid, "mailbox flushed by an operator").WaitAsync(ActionTimeout, system.Time);
                    return new OperatorResult(OperatorOutcome.Done, $"{dropped:N0} queued messages of {pid} dropped.", dropped);
                default:
                    return system.CancelCall(pid, command.RequestId, "cancelled by an operator")
                        ? new OperatorResult(OperatorOutcome.Done, $"Call {command.RequestId} to {pid} cancelled; its caller was told at once.")
                        : new OperatorResult(OperatorOutcome.NotFound, $"Call {command.RequestId} no longer waits on {pid}; nothing was done.");
            }
        }
        catch (ActorExitedException)
        {
            return new OperatorResult(OperatorOutcome.NotFound, $"{pid} exited before the {command.Name} took effect; nothing more was done.");
        }
        catch (TimeoutException)
        {
            return new OperatorResult(OperatorOutcome.NoAnswer,
                $"{pid} did not get between two messages within {ActionTimeout.TotalSeconds:0} s (a callback may be stuck); the {command.Name} takes effect once it does.");
        }
    }

    /// <summary>The owner's own id of the call to cancel (a heartbeat request's call id), so its tab recognises it; else the runtime's.</summary>
    private long CallIdOf(OperatorCommand command) =>
        system.GetPendingCalls(command.Pid).FirstOrDefault(call => call.RequestId == command.RequestId)?.Request is HeartbeatRequest heartbeat
            ? heartbeat.CallId
            : command.RequestId;

    private static string NoticeText(OperatorCommand command, OperatorResult result, long callId) => command.Kind switch
    {
        OperatorActionKind.Stop => "Your actor was stopped by an operator.",
        OperatorActionKind.Kill => "Your actor was killed by an operator; its restart policy decides what comes next.",
        OperatorActionKind.Restart => "Your actor was restarted by an operator.",
        OperatorActionKind.FlushMailbox => $"Your actor's mailbox was flushed by an operator ({result.Count:N0} messages dropped).",
        _ => $"Call #{callId} was cancelled by an operator.",
    };

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
