namespace ActorRuntime.Processes;

/// <summary>
/// Something an operator asked of an actor that must run on its loop, between two messages: there the
/// mailbox has a single reader and the server's state is not in a callback's hands.
/// </summary>
internal abstract class OperatorRequest
{
    /// <summary>Runs on the loop. False when the actor exited.</summary>
    public abstract ValueTask<bool> RunAsync(ActorProcess process);

    /// <summary>The actor exited before the request ran, or running it failed.</summary>
    public abstract void Abandon(Exception error);
}

/// <summary>An <see cref="OperatorRequest"/> whose requester awaits a <typeparamref name="T"/>.</summary>
internal sealed class OperatorRequest<T>(Func<ActorProcess, TaskCompletionSource<T>, ValueTask<bool>> run) : OperatorRequest
{
    public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ValueTask<bool> RunAsync(ActorProcess process) => run(process, Completion);

    public override void Abandon(Exception error) => Completion.TrySetException(error);
}
