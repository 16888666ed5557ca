using ActorRuntime;
using ActorRuntime.Calls;

namespace Unit.ActorRuntime.Calls;

public sealed class PendingCallTests : PendingCallHarness
{
    [Fact]
    public async Task LateReply_RacingTheTimeout_ReportsHowTheCallEnded()
    {
        // The timer's thread wins the phase, then builds the timeout's exception (its message shows the
        // request) before it records the outcome; a replier that sees the call completed in between must
        // not report a late reply to a call that is still "Pending".
        var outcomes = new LateReplyOutcomes();
        using var subscription = Target.Subscribe(outcomes);
        for (var i = 0; i < 200; i++)
        {
            var call = new PendingCall(Target, i + 1, new LargeRequest(), TimeSpan.FromSeconds(1), startTimestamp: 0);
            using var started = new ManualResetEventSlim();
            var timer = Task.Run(() =>
            {
                started.Set();
                call.OnTimeoutElapsed();
            });

            started.Wait();
            while (!call.IsCompleted)
            {
                Thread.SpinWait(1);
            }

            Assert.False(Target.System.Reply(new From(call), "late"));
            await timer;
        }

        Assert.Equal(200, outcomes.Seen.Count);
        Assert.All(outcomes.Seen, outcome => Assert.Equal(CallOutcome.TimedOutWhileQueued, outcome));
    }

    /// <summary>A request whose text takes a while to build, as a large one's does.</summary>
    private sealed record LargeRequest
    {
        public override string ToString()
        {
            Thread.SpinWait(50_000);
            return "large request";
        }
    }

    private sealed class LateReplyOutcomes : IActorEventListener
    {
        public List<CallOutcome> Seen { get; } = [];

        public void OnEvent(in ActorEvent actorEvent)
        {
            if (actorEvent.Kind == ActorEventKind.LateReplyDropped)
            {
                Seen.Add(actorEvent.Outcome); // only the test's thread replies
            }
        }
    }
}
