using ActorRuntime;
using ActorRuntime.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime.Calls;

public sealed class TimeoutShardTests : PendingCallHarness
{
    [Fact]
    public void Add_ATimeoutLongerThanATimerTakes_ArmsTheTimerWithoutThrowing()
    {
        // A system timer takes at most ~49.7 days. The shard arms it here for a new call and again on the
        // timer's own thread after each firing, where an exception would end the process.
        var shard = new TimeoutShard(TimeProvider.System);
        var sixtyDays = (long)TimeSpan.FromDays(60).TotalSeconds * TimeProvider.System.TimestampFrequency;

        var error = Record.Exception(() => shard.Add(NewCall(), sixtyDays));

        Assert.Null(error);
    }

    [Fact]
    public void Fire_ReArmingForATimeoutLongerThanATimerTakes_DoesNotThrowOnTheTimersThread()
    {
        var time = new FakeTimeProvider();
        var shard = new TimeoutShard(time);
        var start = time.GetTimestamp();
        var soon = new PendingCall(Target, 1, "soon", TimeSpan.FromSeconds(1), start);
        var late = new PendingCall(Target, 2, "late", TimeSpan.FromDays(60), start);
        shard.Add(soon, time.TimestampFrequency);
        shard.Add(late, (long)TimeSpan.FromDays(60).TotalSeconds * time.TimestampFrequency); // the timer stays armed for the first

        var error = Record.Exception(() => time.Advance(TimeSpan.FromSeconds(1))); // fires, takes the first, re-arms for the second

        Assert.Null(error);
        Assert.Equal(CallOutcome.TimedOutWhileQueued, soon.Outcome);
        Assert.False(late.IsCompleted);
        time.Advance(TimeSpan.FromDays(60));
        Assert.Equal(CallOutcome.TimedOutWhileQueued, late.Outcome);
    }
}
