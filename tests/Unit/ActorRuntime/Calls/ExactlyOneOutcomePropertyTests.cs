using ActorRuntime;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime.Calls;

/// <summary>
/// Random interleavings of calls, replies, double replies, timeouts, cancellations, crashes, stops and the
/// operator's actions (kill, restart, flush, cancel a call):
/// every call must end exactly once, with its own answer or a runtime error, and no actor may outlive the run.
/// </summary>
/// <remarks>Set ACTOR_PROPERTY_ITERATIONS (default 150) for a longer run.</remarks>
public sealed class ExactlyOneOutcomePropertyTests
{
    private enum OpKind { Echo, Defer, Reply, ReplyTwice, Advance, Cancel, Crash, Stop, Kill, Restart, Flush, OperatorCancel }

    private readonly record struct Op(OpKind Kind, int Target, int Amount);

    private static readonly Gen<Op> OpGen =
        Gen.Select(
            Gen.Frequency((3, Gen.Const(OpKind.Defer)), (2, Gen.Const(OpKind.Echo)), (3, Gen.Const(OpKind.Reply)),
                (1, Gen.Const(OpKind.ReplyTwice)), (2, Gen.Const(OpKind.Advance)), (1, Gen.Const(OpKind.Cancel)),
                (1, Gen.Const(OpKind.Crash)), (1, Gen.Const(OpKind.Stop)), (1, Gen.Const(OpKind.Kill)),
                (1, Gen.Const(OpKind.Restart)), (1, Gen.Const(OpKind.Flush)), (2, Gen.Const(OpKind.OperatorCancel))),
            Gen.Int[0, 1_000],
            Gen.Int[1, 3_000],
            (kind, target, amount) => new Op(kind, target, amount));

    [Fact]
    public async Task RandomInterleavings_EveryCallEndsExactlyOnceWithItsOwnAnswer()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("ACTOR_PROPERTY_ITERATIONS"), out var n) ? n : 150;

        await OpGen.Array[1, 80].SampleAsync(RunScenarioAsync, iter: iterations, threads: 1);
    }

    private static async Task RunScenarioAsync(Op[] ops)
    {
        var time = new FakeTimeProvider();
        var system = new ActorSystem(time: time);
        var servers = new[] { new ProbeServer(), new ProbeServer(), new ProbeServer() };
        var pids = new[]
        {
            system.Spawn(servers[0]),
            system.Spawn(servers[1], new SpawnOptions { Restart = RestartPolicy.OnCrash(maxRestarts: 1_000) }),
            system.Spawn(servers[2], new SpawnOptions { MailboxCapacity = 5, Restart = RestartPolicy.OnCrash(maxRestarts: 1_000) }),
        };
        var calls = new List<(int Id, Task<object?> Task, CancellationTokenSource Cancel)>();
        var delivered = new Dictionary<int, int>(); // call id -> successful Reply() count

        foreach (var op in ops)
        {
            var actor = op.Target % pids.Length;
            switch (op.Kind)
            {
                case OpKind.Echo or OpKind.Defer:
                    var id = calls.Count;
                    var cancel = new CancellationTokenSource();
                    object request = op.Kind == OpKind.Echo ? new Probe.Echo(id) : new Probe.Defer(id);
                    Task<object?> task;
                    try
                    {
                        task = system.CallAsync(pids[actor], request, TimeSpan.FromMilliseconds(op.Amount), cancel.Token);
                    }
                    catch (Exception error)
                    {
                        task = Task.FromException<object?>(error);
                    }

                    calls.Add((id, task, cancel));
                    break;
                case OpKind.Reply or OpKind.ReplyTwice:
                    var kept = servers.SelectMany(s => s.Deferred).ToList();
                    if (kept.Count > 0)
                    {
                        var (key, from) = kept[op.Target % kept.Count];
                        for (var i = 0; i < (op.Kind == OpKind.ReplyTwice ? 2 : 1); i++)
                        {
                            if (system.Reply(from, key))
                            {
                                delivered[(int)key] = delivered.GetValueOrDefault((int)key) + 1;
                            }
                        }
                    }

                    break;
                case OpKind.Advance:
                    time.Advance(TimeSpan.FromMilliseconds(op.Amount));
                    break;
                case OpKind.Cancel when calls.Count > 0:
                    await calls[op.Target % calls.Count].Cancel.CancelAsync();
                    break;
                case OpKind.Crash:
                    system.TryCast(pids[actor], new Probe.Crash());
                    break;
                case OpKind.Stop:
                    await system.StopAsync(pids[actor], "random stop").Guarded();
                    break;
                case OpKind.Kill:
                    await IgnoreExitAsync(system.KillAsync(pids[actor], "random kill"));
                    break;
                case OpKind.Restart:
                    await IgnoreExitAsync(system.RestartAsync(pids[actor]));
                    break;
                case OpKind.Flush:
                    await IgnoreExitAsync(system.FlushMailboxAsync(pids[actor]));
                    break;
                case OpKind.OperatorCancel when system.GetPendingCalls(pids[actor]) is { Count: > 0 } pending:
                    system.CancelCall(pids[actor], pending[op.Target % pending.Count].RequestId, "random cancel");
                    break;
            }
        }

        await system.DisposeAsync();
        time.Advance(TimeSpan.FromHours(1)); // any timer left would fire now

        foreach (var (id, task, cancel) in calls)
        {
            try
            {
                var reply = await task.Guarded(); // never hangs: the guard fails the test instead
                Assert.Equal(id, reply);          // never another caller's answer
            }
            catch (Exception error) when (error is ActorRuntimeException or OperationCanceledException)
            {
                Assert.False(delivered.ContainsKey(id), $"call {id} failed with {error.GetType().Name} although Reply(from) returned true");
            }

            cancel.Dispose();
        }

        Assert.All(delivered.Values, count => Assert.Equal(1, count)); // never two answers
        Assert.Equal(0, system.ActorCount);
    }

    /// <summary>An operator action on an actor that a random stop already ended fails with ActorExitedException: fine here.</summary>
    private static async Task IgnoreExitAsync(Task action)
    {
        try
        {
            await action.Guarded();
        }
        catch (ActorExitedException)
        {
        }
    }
}
