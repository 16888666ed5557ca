using System.Collections.Concurrent;
using ActorRuntime;

namespace Unit.ActorRuntime;

/// <summary>Messages understood by <see cref="ProbeServer"/>.</summary>
internal static class Probe
{
    /// <summary>Call: replies with <see cref="Value"/> at once.</summary>
    public sealed record Echo(object Value);

    /// <summary>Call: NoReply; the From is kept under <see cref="Key"/> and handed to the test.</summary>
    public sealed record Defer(object Key);

    /// <summary>Info: replies to the From kept under <see cref="Key"/> with <see cref="Value"/>.</summary>
    public sealed record Answer(object Key, object? Value);

    /// <summary>Any kind: signals <see cref="Entered"/>, then waits for <see cref="Gate"/> — keeps the actor busy.</summary>
    public sealed record Block(TaskCompletionSource Gate, TaskCompletionSource Entered);

    /// <summary>Any kind: throws, crashing the actor.</summary>
    public sealed record Crash(string Message = "boom");

    /// <summary>Call: stops the actor with the reason.</summary>
    public sealed record StopMe(string Reason);

    /// <summary>Call: replies with how many Froms the actor keeps.</summary>
    public sealed record CountKept;

    /// <summary>Cast/info: appended to the server's log.</summary>
    public sealed record Note(string Text);
}

/// <summary>A GenServer scripted by <see cref="Probe"/> messages, recording what happened to it.</summary>
internal sealed class ProbeServer : GenServer<Dictionary<object, From>>
{
    private int _running;

    public ConcurrentQueue<(object Key, From From)> Deferred { get; } = new();

    public ConcurrentQueue<string> Log { get; } = new();

    public int InitCount;

    public int MaxConcurrency;

    public TaskCompletionSource<string> Terminated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<int, bool>? FailInit { get; init; }

    /// <summary>When set, init waits for it — lets a test queue calls before init finishes.</summary>
    public Task? InitGate { get; init; }

    public Pid Pid => Self;

    protected override async ValueTask<Dictionary<object, From>> InitAsync(CancellationToken cancellationToken)
    {
        if (InitGate is not null)
        {
            await InitGate;
        }

        var count = Interlocked.Increment(ref InitCount);
        if (FailInit?.Invoke(count) == true)
        {
            throw new InvalidOperationException($"init {count} failed");
        }

        Log.Enqueue("init");
        return new Dictionary<object, From>();
    }

    protected override async ValueTask<CallResult<Dictionary<object, From>>> HandleCallAsync(object request, From from, Dictionary<object, From> kept)
    {
        using var _ = Enter();
        switch (request)
        {
            case Probe.Echo echo:
                return Reply(echo.Value, kept);
            case Probe.Defer defer:
                kept[defer.Key] = from;
                Deferred.Enqueue((defer.Key, from));
                return NoReply(kept);
            case Probe.CountKept:
                return Reply(kept.Count, kept);
            case Probe.StopMe stop:
                return Stop(stop.Reason, kept);
            default:
                await RunCommonAsync(request);
                return Reply(null, kept);
        }
    }

    protected override async ValueTask<Dictionary<object, From>> HandleCastAsync(object message, Dictionary<object, From> kept)
    {
        using var _ = Enter();
        await RunCommonAsync(message);
        return kept;
    }

    protected override async ValueTask<Dictionary<object, From>> HandleInfoAsync(object message, Dictionary<object, From> kept)
    {
        using var _ = Enter();
        if (message is Probe.Answer answer && kept.Remove(answer.Key, out var from))
        {
            Log.Enqueue(System.Reply(from, answer.Value) ? $"replied {answer.Key}" : $"late {answer.Key}");
        }
        else
        {
            await RunCommonAsync(message);
        }

        return kept;
    }

    protected override ValueTask TerminateAsync(string reason, Dictionary<object, From> kept)
    {
        Log.Enqueue($"terminate {reason}");
        Terminated.TrySetResult(reason);
        return ValueTask.CompletedTask;
    }

    private async ValueTask RunCommonAsync(object message)
    {
        switch (message)
        {
            case Probe.Block block:
                block.Entered.TrySetResult();
                await block.Gate.Task;
                break;
            case Probe.Crash crash:
                throw new InvalidOperationException(crash.Message);
            case Probe.Note note:
                Log.Enqueue(note.Text);
                break;
        }
    }

    private Scope Enter()
    {
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref MaxConcurrency, running);
        return new Scope(this);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private readonly struct Scope(ProbeServer server) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref server._running);
    }
}

/// <summary>Shared helpers for runtime tests.</summary>
internal static class TestExtensions
{
    /// <summary>A hang guard for awaits in tests: fails instead of blocking the run forever. Not a sleep.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(Guard);

    public static Task Guarded(this Task task) => task.WaitAsync(Guard);

    /// <summary>Blocks the actor in a callback; returns the gate that releases it once the actor is inside.</summary>
    public static async Task<TaskCompletionSource> BlockAsync(this ActorSystem system, Pid pid)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.Cast(pid, new Probe.Block(gate, entered));
        await entered.Task.Guarded();
        return gate;
    }

    /// <summary>Round-trips a call so every message sent before it has been handled (mailboxes are FIFO).</summary>
    public static Task<object?> BarrierAsync(this ActorSystem system, Pid pid) =>
        system.CallAsync(pid, new Probe.Echo("barrier"), Timeout.InfiniteTimeSpan).Guarded();
}
