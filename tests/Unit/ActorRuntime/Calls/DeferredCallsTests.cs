using ActorRuntime.Calls;

namespace Unit.ActorRuntime.Calls;

public sealed class DeferredCallsTests : PendingCallHarness
{
    [Fact]
    public void TryDefer_ListsHandledCalls_AndRefusesOnesAnsweredDuringHandling()
    {
        var deferred = Target.DeferredList;
        var kept = Handling();
        var answered = Handling();
        answered.TryReply("answered while HandleCallAsync ran");

        Assert.True(deferred.TryDefer(kept));
        Assert.False(deferred.TryDefer(answered));

        Assert.Equal(1, deferred.Count);
        Assert.Equal([kept], deferred.Waiting());
    }

    [Fact]
    public void OnCompleted_OffTheLoop_LowersTheCountAtOnce_AndTheLoopPrunesTheCallLater()
    {
        var deferred = Target.DeferredList;
        var calls = Enumerable.Range(0, 3).Select(_ => Defer(deferred)).ToList();

        Complete(calls[0], onLoop: false);
        Complete(calls[1], onLoop: false);

        Assert.Equal(1, deferred.Count);
        Assert.Equal([calls[2]], deferred.Waiting());
        deferred.Prune();
        Assert.Equal([calls[2]], deferred.TakeAll());
        Assert.Empty(deferred.Waiting());
    }

    [Fact]
    public void OnCompleted_OnTheLoop_UnlinksTheCallFromTheMiddle()
    {
        var deferred = Target.DeferredList;
        var calls = Enumerable.Range(0, 3).Select(_ => Defer(deferred)).ToList();

        Complete(calls[1], onLoop: true);

        Assert.Equal([calls[0], calls[2]], deferred.Waiting());
        Assert.Null(calls[1].DeferredNext); // a dead call holds on to no newer one
        Assert.Same(calls[2], calls[0].DeferredNext);
    }

    [Fact]
    public void Prune_UnlinksEveryCompletedCall_OnceTheyOutnumberTheWaitingOnes()
    {
        var deferred = Target.DeferredList;
        var first = Defer(deferred); // keeps waiting at the front, so pruning the front alone frees nothing
        var answered = new List<PendingCall>();
        for (var i = 0; i < 100; i++)
        {
            var call = Defer(deferred);
            answered.Add(call);
            Complete(call, onLoop: false);
        }

        deferred.Prune();

        Assert.Equal(1, deferred.Count);
        Assert.Equal([first], deferred.Waiting());
        Assert.Null(first.DeferredNext);
        Assert.All(answered, call => Assert.False(call.IsDeferredListed));
    }

    private PendingCall Handling()
    {
        var call = NewCall();
        Assert.True(call.TryBeginHandling());
        return call;
    }

    private PendingCall Defer(DeferredCalls deferred)
    {
        var call = Handling();
        Assert.True(deferred.TryDefer(call));
        return call;
    }

    private void Complete(PendingCall call, bool onLoop)
    {
        if (onLoop)
        {
            Target.RunAsCallback(() => Assert.True(call.TryReply("answer"))); // Reply from HandleInfoAsync
        }
        else
        {
            Assert.True(call.TryReply("answer")); // Reply from another thread
        }
    }
}
