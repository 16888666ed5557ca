namespace ActorRuntime;

/// <summary>
/// Opt-in for a <see cref="GenServer{TState}"/>: a small, redacted view of its state for operators
/// (<see cref="ActorSystem.DescribeStateAsync"/>). Actors that do not implement it show nothing — process
/// state can hold secrets, so what is shown is the server's choice, field by field.
/// </summary>
/// <typeparam name="TState">The server's state type.</typeparam>
/// <example>
/// <code>
/// public sealed class Cache : GenServer&lt;ImmutableDictionary&lt;long, From&gt;&gt;, IDescribeState&lt;ImmutableDictionary&lt;long, From&gt;&gt;
/// {
///     public IReadOnlyList&lt;KeyValuePair&lt;string, string&gt;&gt; DescribeState(ImmutableDictionary&lt;long, From&gt; waiting) =&gt;
///         [new("waiting callers", waiting.Count.ToString(CultureInfo.InvariantCulture))];
///     …
/// }
/// </code>
/// </example>
public interface IDescribeState<in TState>
{
    /// <summary>
    /// Called on the actor's loop between two messages — never during a callback, so reading
    /// <paramref name="state"/> is as safe as in a callback. Keep it short and leave out anything secret.
    /// </summary>
    /// <param name="state">The current state.</param>
    /// <returns>Labels and values, in the order to show them.</returns>
    /// <remarks>An exception thrown here fails the operator's request; it does not crash the actor.</remarks>
    IReadOnlyList<KeyValuePair<string, string>> DescribeState(TState state);
}
