using ActorRuntime.Processes;
using ActorRuntime.Servers;

namespace ActorRuntime;

/// <summary>
/// A process that keeps state and handles one message at a time — .NET's <c>use GenServer</c>.
/// Only <see cref="InitAsync"/> is required; override the <c>Handle…Async</c> callbacks you need.
/// </summary>
/// <typeparam name="TState">The state threaded through every callback.</typeparam>
/// <example>
/// The deferred reply: take the call, start external work, answer when it reports back. Each
/// waiting <see cref="From"/> is kept under its own request id, so overlapping callers never
/// get each other's answers.
/// <code>
/// public sealed record Lookup(string Key);
/// private sealed record LookupDone(long RequestId, string Value);
///
/// public sealed class Cache : GenServer&lt;ImmutableDictionary&lt;long, From&gt;&gt;
/// {
///     protected override ValueTask&lt;ImmutableDictionary&lt;long, From&gt;&gt; InitAsync(CancellationToken ct) =&gt;
///         ValueTask.FromResult(ImmutableDictionary&lt;long, From&gt;.Empty);
///
///     protected override ValueTask&lt;CallResult&lt;ImmutableDictionary&lt;long, From&gt;&gt;&gt; HandleCallAsync(
///         object request, From from, ImmutableDictionary&lt;long, From&gt; waiting)
///     {
///         var lookup = (Lookup)request;
///         var self = Self;
///         _ = Task.Run(async () =&gt;                                     // external work
///         {
///             var value = await FetchAsync(lookup.Key, from.CancellationToken);
///             System.Send(self, new LookupDone(from.RequestId, value)); // report back
///         });
///         return ValueTask.FromResult(NoReply(waiting.Add(from.RequestId, from)));
///     }
///
///     protected override ValueTask&lt;ImmutableDictionary&lt;long, From&gt;&gt; HandleInfoAsync(
///         object message, ImmutableDictionary&lt;long, From&gt; waiting)
///     {
///         if (message is LookupDone done &amp;&amp; waiting.TryGetValue(done.RequestId, out var from))
///         {
///             System.Reply(from, done.Value);                          // the caller resumes
///             waiting = waiting.Remove(done.RequestId);
///         }
///         return ValueTask.FromResult(waiting);
///     }
/// }
///
/// // var value = await system.CallAsync&lt;string&gt;(pid, new Lookup("k"), TimeSpan.FromSeconds(5));
/// </code>
/// </example>
/// <remarks>
/// Callbacks never run concurrently for one actor, so the state needs no locks — and a slow
/// callback delays every message behind it. Do slow work elsewhere and report back with a message.
/// An exception thrown by a callback crashes the actor (see <see cref="SpawnOptions.Restart"/>).
/// </remarks>
public abstract class GenServer<TState> : IGenServer
{
    private ActorProcess? _process; // its pid and system, in one field: every idle actor carries this object
    private TState _state = default!;

    /// <summary>This actor's pid.</summary>
    /// <exception cref="InvalidOperationException">The server has not been spawned.</exception>
    protected Pid Self => (_process ?? throw NotSpawned()).Pid;

    /// <summary>The system the actor runs on: use it to <c>Reply</c>, <c>Send</c>, <c>CallAsync</c> other actors.</summary>
    /// <exception cref="InvalidOperationException">The server has not been spawned.</exception>
    protected ActorSystem System => (_process ?? throw NotSpawned()).System;

    /// <summary>
    /// Called first, before any message — Elixir's <c>init/1</c>. Also called again after each
    /// restart. Returns the initial state.
    /// </summary>
    /// <param name="cancellationToken">Fires when the system shuts down.</param>
    protected abstract ValueTask<TState> InitAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called for each <see cref="ActorSystem.CallAsync(Pid, object, TimeSpan, CancellationToken)"/> — Elixir's <c>handle_call/3</c>.
    /// Return <see cref="Reply"/> to answer now, <see cref="NoReply"/> to answer later with
    /// <see cref="ActorSystem.Reply"/>, or <see cref="Stop"/>.
    /// </summary>
    /// <remarks>The default throws, which crashes the actor: override it if the actor takes calls.</remarks>
    protected virtual ValueTask<CallResult<TState>> HandleCallAsync(object request, From from, TState state) =>
        throw new NotSupportedException(
            $"Attempted to call {GetType().Name} {Self} with '{RequestText.Of(request)}', but it does not override HandleCallAsync.");

    /// <summary>Called for each <see cref="ActorSystem.Cast"/> — Elixir's <c>handle_cast/2</c>. Returns the new state.</summary>
    /// <remarks>The default throws, which crashes the actor: override it if the actor takes casts.</remarks>
    protected virtual ValueTask<TState> HandleCastAsync(object message, TState state) =>
        throw new NotSupportedException(
            $"Attempted to cast '{RequestText.Of(message)}' to {GetType().Name} {Self}, but it does not override HandleCastAsync.");

    /// <summary>
    /// Called for each <see cref="ActorSystem.Send"/> and <see cref="ActorSystem.SendAfter"/> message —
    /// Elixir's <c>handle_info/2</c>. Returns the new state.
    /// </summary>
    /// <remarks>The default ignores the message, as Elixir's does (without the log line).</remarks>
    protected virtual ValueTask<TState> HandleInfoAsync(object message, TState state) => ValueTask.FromResult(state);

    /// <summary>
    /// Called when the actor stops or crashes, after its waiting callers have been failed —
    /// Elixir's <c>terminate/2</c>. Exceptions thrown here are ignored.
    /// </summary>
    /// <param name="reason"><c>normal</c>, the stop reason, or the crash message.</param>
    /// <param name="state">The last state.</param>
    protected virtual ValueTask TerminateAsync(string reason, TState state) => ValueTask.CompletedTask;

    /// <summary>Answer the caller now and continue with <paramref name="state"/> — <c>{:reply, reply, state}</c>.</summary>
    protected static CallResult<TState> Reply(object? reply, TState state) => new(CallResultKind.Reply, reply, state, null);

    /// <summary>Answer later with <see cref="ActorSystem.Reply"/> and continue with <paramref name="state"/> — <c>{:noreply, state}</c>.</summary>
    protected static CallResult<TState> NoReply(TState state) => new(CallResultKind.NoReply, null, state, null);

    /// <summary>Stop the actor with <paramref name="reason"/>; the caller fails with <see cref="ActorExitedException"/> — <c>{:stop, reason, state}</c>.</summary>
    protected static CallResult<TState> Stop(string reason, TState state) => new(CallResultKind.Stop, null, state, reason);

    void IGenServer.Attach(ActorProcess process)
    {
        if (Interlocked.CompareExchange(ref _process, process, null) is { } attached)
        {
            throw new InvalidOperationException($"{GetType().Name} is already spawned as {attached.Pid}; create a new instance for each actor.");
        }
    }

    async ValueTask IGenServer.RunInitAsync(CancellationToken cancellationToken) =>
        _state = await InitAsync(cancellationToken).ConfigureAwait(false);

    // The callbacks usually complete synchronously: then no async state machine runs between them and the loop.
    ValueTask<CallDecision> IGenServer.RunCallAsync(object request, From from)
    {
        var pending = HandleCallAsync(request, from, _state);
        return pending.IsCompletedSuccessfully ? new ValueTask<CallDecision>(ToDecision(pending.Result)) : AwaitCallResultAsync(pending);
    }

    ValueTask IGenServer.RunCastAsync(object message) => KeepState(HandleCastAsync(message, _state));

    ValueTask IGenServer.RunInfoAsync(object message) => KeepState(HandleInfoAsync(message, _state));

    ValueTask IGenServer.RunTerminateAsync(string reason) => TerminateAsync(reason, _state);

    IReadOnlyList<KeyValuePair<string, string>>? IGenServer.RunDescribeState() =>
        this is IDescribeState<TState> describing ? describing.DescribeState(_state) : null;

    /// <summary>Keeps the result's state; the decision goes back to the invoker.</summary>
    private CallDecision ToDecision(CallResult<TState> result)
    {
        StoreState(result.State);
        return new CallDecision(result.Kind, result.ReplyValue, result.StopReason);
    }

    private async ValueTask<CallDecision> AwaitCallResultAsync(ValueTask<CallResult<TState>> pending) =>
        ToDecision(await pending.ConfigureAwait(false));

    private ValueTask KeepState(ValueTask<TState> pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitStateAsync(pending);
        }

        StoreState(pending.Result);
        return default;
    }

    /// <summary>
    /// Most actors keep one state object and mutate it: then nothing is written, so the loop does not
    /// dirty a cache line of this object per message (the same reasoning as LoopState; not measured on its own).
    /// </summary>
    private void StoreState(TState state)
    {
        if (typeof(TState).IsValueType || !ReferenceEquals(_state, state))
        {
            _state = state;
        }
    }

    private async ValueTask AwaitStateAsync(ValueTask<TState> pending) => StoreState(await pending.ConfigureAwait(false));

    private InvalidOperationException NotSpawned() =>
        new($"{GetType().Name} is not running yet: Self and System are available from InitAsync on, once ActorSystem.Spawn has started it.");
}
