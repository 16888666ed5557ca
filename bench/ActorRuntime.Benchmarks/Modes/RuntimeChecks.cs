namespace ActorRuntime.Benchmarks.Modes;

/// <summary>
/// Stress checks of the runtime's guarantees under real thread-pool concurrency, run by the smoke
/// mode. They back the unit tests while the runtime's internals are tuned for these benchmarks:
/// every message handled exactly once, every call ending exactly once, late replies counted,
/// waiting callers failed at once when the actor stops, and an exact queue depth.
/// </summary>
public static class RuntimeChecks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(TextWriter output)
    {
        var failures = 0;
        failures += await SmokeRun.RunStepAsync("Check/ConcurrentCastsAllHandledOnce", ConcurrentCastsAllHandledOnceAsync, output);
        failures += await SmokeRun.RunStepAsync("Check/DeferredCallsEachAnsweredOnce", DeferredCallsEachAnsweredOnceAsync, output);
        failures += await SmokeRun.RunStepAsync("Check/LateReplyDroppedAndCounted", LateReplyDroppedAndCountedAsync, output);
        failures += await SmokeRun.RunStepAsync("Check/StopFailsWaitingCallersAtOnce", StopFailsWaitingCallersAtOnceAsync, output);
        failures += await SmokeRun.RunStepAsync("Check/QueueDepthExact", QueueDepthExactAsync, output);
        return failures;
    }

    private static async Task ConcurrentCastsAllHandledOnceAsync()
    {
        await using var system = new ActorSystem();
        var pid = system.Spawn(new Gate());
        const int Producers = 8, PerProducer = 50_000;
        await Task.WhenAll(Enumerable.Range(0, Producers).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                system.Cast(pid, Tick.Instance);
            }
        })));
        var count = await system.CallAsync<int>(pid, Count.Instance, Timeout);
        Require(count == Producers * PerProducer, $"handled {count} casts of {Producers * PerProducer}");
        Require(system.GetInfo(pid)!.QueueDepth == 0, "queue not empty after the last message");
    }

    private static async Task DeferredCallsEachAnsweredOnceAsync()
    {
        await using var system = new ActorSystem();
        var pid = system.Spawn(new Gate());
        var answers = await Task.WhenAll(Enumerable.Range(1, 2_000).Select(i => system.CallAsync<int>(pid, new Defer(i), Timeout)));
        Require(answers.Select((answer, index) => answer == index + 1).All(ok => ok), "a caller got another caller's answer");
        var info = system.GetInfo(pid)!;
        Require(info.Calls == 2_000 && info.Replies == 2_000 && info.DeferredCalls == 0 && info.LateReplies == 0,
            $"counters off: calls {info.Calls}, replies {info.Replies}, deferred {info.DeferredCalls}, late {info.LateReplies}");
    }

    private static async Task LateReplyDroppedAndCountedAsync()
    {
        await using var system = new ActorSystem();
        var pid = system.Spawn(new Gate());
        var call = system.CallAsync(pid, Hold.Instance, TimeSpan.FromMilliseconds(50));
        await Expect<CallTimeoutException>(call);
        var from = await system.CallAsync<From>(pid, TakeHeld.Instance, Timeout);
        Require(!system.Reply(from, 1), "a reply after the timeout was accepted");
        Require(system.GetInfo(pid)!.LateReplies == 1, "the late reply was not counted");
    }

    private static async Task StopFailsWaitingCallersAtOnceAsync()
    {
        await using var system = new ActorSystem();
        var pid = system.Spawn(new Gate());
        var calls = Enumerable.Range(0, 100).Select(_ => system.CallAsync(pid, Hold.Instance, System.Threading.Timeout.InfiniteTimeSpan)).ToList();
        await system.CallAsync(pid, Count.Instance, Timeout); // every Hold has been handled (deferred) by now
        await system.StopAsync(pid);
        foreach (var call in calls)
        {
            Require(call.IsCompleted, "a waiting caller was still waiting after StopAsync completed");
            await Expect<ActorExitedException>(call);
        }
    }

    private static async Task QueueDepthExactAsync()
    {
        await using var system = new ActorSystem();
        var gate = new Gate();
        var pid = system.Spawn(gate);
        system.Cast(pid, Block.Instance);
        await gate.Blocked.Task.WaitAsync(Timeout);
        for (var i = 0; i < 1_000; i++)
        {
            system.Cast(pid, Tick.Instance);
        }

        Require(system.GetInfo(pid)!.QueueDepth == 1_000, $"queue depth {system.GetInfo(pid)!.QueueDepth}, expected 1000");
        gate.Release.SetResult();
        await system.CallAsync(pid, Count.Instance, Timeout);
        Require(system.GetInfo(pid)!.QueueDepth == 0, "queue not empty after the last message");
    }

    private static async Task Expect<TException>(Task call)
        where TException : Exception
    {
        try
        {
            await call;
        }
        catch (TException)
        {
            return;
        }

        throw new InvalidOperationException($"expected {typeof(TException).Name}");
    }

    private static void Require(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }

    private sealed record Defer(int Value);

    private sealed record Answer(From From, int Value);

    private sealed class Tick { public static readonly Tick Instance = new(); }

    private sealed class Count { public static readonly Count Instance = new(); }

    private sealed class Hold { public static readonly Hold Instance = new(); }

    private sealed class TakeHeld { public static readonly TakeHeld Instance = new(); }

    private sealed class Block { public static readonly Block Instance = new(); }

    /// <summary>Counts casts, defers calls to the thread pool, holds calls unanswered, and can block on demand.</summary>
    private sealed class Gate : GenServer<int>
    {
        private readonly List<From> _held = [];

        public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override ValueTask<int> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

        protected override async ValueTask<int> HandleCastAsync(object message, int count)
        {
            if (message is Block)
            {
                Blocked.SetResult();
                await Release.Task;
                return count;
            }

            return count + 1;
        }

        protected override ValueTask<CallResult<int>> HandleCallAsync(object request, From from, int count)
        {
            switch (request)
            {
                case Defer defer:
                    var self = Self;
                    ThreadPool.QueueUserWorkItem(state => System.Send(self, state), new Answer(from, defer.Value), preferLocal: false);
                    return ValueTask.FromResult(NoReply(count));
                case Hold:
                    _held.Add(from);
                    return ValueTask.FromResult(NoReply(count));
                case TakeHeld:
                    return ValueTask.FromResult(Reply(_held[^1], count));
                default:
                    return ValueTask.FromResult(Reply(count, count));
            }
        }

        protected override ValueTask<int> HandleInfoAsync(object message, int count)
        {
            if (message is Answer answer)
            {
                System.Reply(answer.From, answer.Value);
            }

            return ValueTask.FromResult(count);
        }
    }
}
