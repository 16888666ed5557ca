using Dashboard.Services;
using static Unit.Dashboard.Components.Actors.Timeline.TimelineCalls;

namespace Unit.Dashboard.Services;

public sealed class NaiveSlotTests
{
    [Fact]
    public void OverwrittenBy_NaiveCallersInABurst_EachLosesItsFromToTheNextCall()
    {
        var calls = NaiveBurstOfThree();

        Assert.Equal([2L, 3L, null], calls.Select(c => NaiveSlot.OverwrittenBy(c, calls)?.CallId));
    }

    [Fact]
    public void OverwrittenBy_CorrectModeCalls_NeverOverwritten()
    {
        IReadOnlyList<CallRecord> calls = [Deferred(1), Deferred(2, 0.1), Deferred(3, 0.2)];

        Assert.All(calls, c => Assert.Null(NaiveSlot.OverwrittenBy(c, calls)));
    }

    [Fact]
    public void OverwrittenBy_NextCallHandledAfterTheCallerGaveUp_IsNotAnOverwrite()
    {
        var first = Deferred(1, 0, ActorMode.Naive) with { EndedAt = At(1000), Outcome = TimedOutOutcome(1) };
        var later = Deferred(2, 1500, ActorMode.Naive);

        Assert.Null(NaiveSlot.OverwrittenBy(first, [first, later]));
    }

    [Fact]
    public void ResultIgnored_NaiveBurst_ResultsAfterTheSlotWasEmptiedReachNobody()
    {
        var calls = NaiveBurstOfThree();

        Assert.Equal([false, true, true], calls.Select(c => NaiveSlot.ResultIgnored(c, calls)));
    }

    [Fact]
    public void ResultIgnored_HolderAnsweredBeforeItsCallerResumed_GoesByTheActorsReplyTime()
    {
        // #3 was answered at 300 ms on the actor's thread, its caller resumed at 320 ms; #2's result came at 305 ms.
        var calls = NaiveBurstOfThree().Select(c => c.CallId == 3 ? c with { RepliedAt = At(300), EndedAt = At(320) } : c).ToList();

        Assert.True(NaiveSlot.ResultIgnored(calls[1], calls));
        Assert.False(NaiveSlot.ResultIgnored(calls[1], [.. calls.Select(c => c with { RepliedAt = 0 })]));
    }

    [Fact]
    public void OverwrittenBy_TimestampsTie_UsesTheOrderTheActorTookTheCalls()
    {
        var first = Deferred(1, 0, ActorMode.Naive) with { HandlingOrder = 7 };
        var second = Deferred(2, 0, ActorMode.Naive) with { HandlingOrder = 8 };

        Assert.Equal(2, NaiveSlot.OverwrittenBy(first, [first, second])?.CallId);
        Assert.Null(NaiveSlot.OverwrittenBy(second, [first, second]));
    }
}
