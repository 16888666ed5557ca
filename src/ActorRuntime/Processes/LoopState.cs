using ActorRuntime.Calls;
using ActorRuntime.Diagnostics;

namespace ActorRuntime.Processes;

/// <summary>
/// What an actor's loop writes on every message: its count of handled messages, the call in hand, and
/// which callback it times next for the handle-time histogram. Written by the loop only.
/// </summary>
/// <remarks>
/// An object of its own, created by the loop when it takes its first message, so that these
/// per-message writes never land on the cache lines a sender reads on every message (the process
/// and its mailbox). On the process itself they cost a sender on the other core a cache miss per
/// tell (bench/DECISIONS.md, 'Loop: per-message state off the process (LoopState)').
/// </remarks>
internal sealed class LoopState
{
    /// <summary>Messages the loop has handled; read by snapshots with <see cref="Volatile"/>.</summary>
    public long MessagesHandled;

    /// <summary><see cref="MessagesHandled"/> when the loop last went idle.</summary>
    public long HandledAtIdle;

    /// <summary>The next callback to time for the handle-time stats, by its place in <see cref="MessagesHandled"/>.</summary>
    public long NextTimedAt;

    /// <summary>The call being handled, so that it fails too if the actor dies in the middle of it.</summary>
    public PendingCall? Current;

    public HandleTimeStats HandleTimes { get; } = new();

    /// <summary>Messages since the loop was last idle, across yields: a flood split into runs is still one busy stretch.</summary>
    public int HandledSinceIdle => (int)Math.Min(MessagesHandled - HandledAtIdle, int.MaxValue);
}
