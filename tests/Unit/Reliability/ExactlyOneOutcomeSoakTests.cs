using System.Collections.Concurrent;
using ActorRuntime;
using Xunit.Abstractions;

namespace Unit.Reliability;

/// <summary>
/// Randomized deferred calls over 1,000 actors with external latency, failures, never-answers, caller
/// timeouts, crashes with restarts and stops: every call must end exactly once, with its own answer.
/// </summary>
/// <remarks>CI runs 10^5 calls; set SOAK_CALLS=1000000 for the full soak, SOAK_SEED to replay a run.</remarks>
public sealed class ExactlyOneOutcomeSoakTests(ITestOutputHelper output)
{
    private const int Actors = 1_000;
    private const int InFlight = 2_000;

    [Fact]
    public async Task RandomDeferredCalls_OverAThousandActors_EveryCallEndsExactlyOnceWithItsOwnAnswer()
    {
        var calls = int.TryParse(Environment.GetEnvironmentVariable("SOAK_CALLS"), out var n) ? n : 100_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SOAK_SEED"), out var s) ? s : Environment.TickCount;
        var random = new Random(seed);
        var delivered = new ConcurrentDictionary<long, int>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var misrouted = 0;
        var answeredLater = new ConcurrentBag<long>();
        var system = new ActorSystem(new ActorSystemOptions { MaxActors = Actors * 2 });
        var pids = new Pid[Actors];
        for (var i = 0; i < Actors; i++)
        {
            pids[i] = Spawn();
        }

        var started = DateTime.UtcNow;
        using var slots = new SemaphoreSlim(InFlight);
        var pending = new List<Task>(InFlight * 2);
        for (long id = 1; id <= calls; id++)
        {
            var actor = random.Next(Actors);
            var roll = random.Next(1_000);
            if (roll < 2)
            {
                system.TryCast(pids[actor], new SoakCrash()); // crash: waiting callers fail, the actor restarts
            }
            else if (roll < 3)
            {
                var old = pids[actor];
                pids[actor] = Spawn(); // replace first: new calls go to the new actor
                _ = system.StopAsync(old, "soak stop");
            }

            var request = new SoakRequest(
                id,
                LatencyMs: random.Next(4) == 0 ? random.Next(1, 30) : 0,
                Fail: random.Next(50) == 0,
                NeverAnswer: random.Next(200) == 0,
                Immediate: random.Next(5) == 0);
            var timeout = TimeSpan.FromMilliseconds(random.Next(10) == 0 ? random.Next(1, 15) : 2_000);

            await slots.WaitAsync();
            pending.Add(RunCallAsync(pids[actor], request, timeout));
            if (pending.Count >= InFlight * 2)
            {
                pending.RemoveAll(task => task.IsCompleted);
            }
        }

        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromMinutes(2)); // never hangs: a lost call fails the test here
        await Task.WhenAll(pids.Select(pid => system.StopAsync(pid, "soak end")));
        var liveAtEnd = system.ActorCount;
        await system.DisposeAsync();

        var total = outcomes.Values.Sum();
        output.WriteLine($"seed {seed}: {calls:N0} calls in {(DateTime.UtcNow - started).TotalSeconds:0.0} s; outcomes: "
            + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value:N0}")));
        Assert.Equal(calls, total);                                   // every call has an outcome
        Assert.Equal(0, misrouted);                                   // never another caller's answer
        Assert.All(delivered.Values, count => Assert.Equal(1, count)); // never two
        Assert.All(answeredLater, id => Assert.True(delivered.ContainsKey(id), $"call {id} got a reply nobody sent"));
        Assert.Equal(answeredLater.Count, delivered.Count);         // and every delivered reply reached its caller
        Assert.Equal(0, liveAtEnd);
        Assert.True(outcomes.GetValueOrDefault("replied") > calls / 2, "most calls should be answered");
        Assert.True(outcomes.GetValueOrDefault("timeout") > 0 && outcomes.GetValueOrDefault("exited") > 0, "the soak should exercise timeouts and exits");

        Pid Spawn() => system.Spawn(new SoakServer(delivered), new SpawnOptions { Restart = RestartPolicy.OnCrash(maxRestarts: 1_000, TimeSpan.FromSeconds(1)) });

        async Task RunCallAsync(Pid pid, SoakRequest request, TimeSpan timeout)
        {
            var outcome = "unknown";
            try
            {
                var reply = await system.CallAsync(pid, request, timeout);
                outcome = reply is SoakReply answer && answer.Id == request.Id ? (answer.Ok ? "replied" : "failed") : "misrouted";
                if (outcome == "misrouted")
                {
                    Interlocked.Increment(ref misrouted);
                }
            }
            catch (CallTimeoutException)
            {
                outcome = "timeout";
            }
            catch (ActorExitedException)
            {
                outcome = "exited";
            }
            catch (MailboxFullException)
            {
                outcome = "full";
            }
            finally
            {
                outcomes.AddOrUpdate(outcome, 1, (_, count) => count + 1);
                slots.Release();
            }

            if (outcome is "replied" or "failed" && !request.Immediate)
            {
                answeredLater.Add(request.Id);
            }
        }
    }
}
