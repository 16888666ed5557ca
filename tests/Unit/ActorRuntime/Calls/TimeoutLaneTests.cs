using ActorRuntime.Calls;

namespace Unit.ActorRuntime.Calls;

public sealed class TimeoutLaneTests : PendingCallHarness
{
    [Fact]
    public void TakeDue_ReturnsDueCallsInDeadlineOrder_EvenWhenAppendedSlightlyOutOfOrder()
    {
        var lane = new TimeoutLane();
        foreach (var due in (long[])[10, 12, 11, 13, 10])
        {
            Append(lane, due);
        }

        List<PendingCall>? expired = null;
        var next = lane.TakeDue(now: 12, ref expired);

        Assert.Equal([10L, 10L, 11L, 12L], expired!.Select(call => call.TimeoutDue));
        Assert.Equal(13, next);
    }

    [Fact]
    public void Remove_ClearsTheCall_SoTheTimerNeverSeesIt()
    {
        var lane = new TimeoutLane();
        var first = Append(lane, 10);
        var second = Append(lane, 20);

        first.TryReply("answer");
        lane.Remove(first);

        List<PendingCall>? expired = null;
        Assert.Equal(20, lane.TakeDue(now: 15, ref expired));
        Assert.Null(expired);
        Assert.Equal(1, lane.Used);
        Assert.False(second.IsCompleted);
    }

    [Fact]
    public void Append_SqueezesOutAnsweredCalls_InsteadOfGrowingTheRing()
    {
        var lane = new TimeoutLane();
        var calls = Enumerable.Range(0, 32).Select(i => Append(lane, i)).ToList();
        Assert.Equal(32, lane.Length); // grown once, and now full
        foreach (var call in calls[1..^1])
        {
            call.TryReply("answer"); // answered in the middle of the ring: holes the ends cannot drop
            lane.Remove(call);
        }

        var later = Enumerable.Range(100, 30).Select(i => Append(lane, i)).ToList();

        Assert.Equal(32, lane.Length);
        List<PendingCall>? expired = null;
        Assert.Equal(long.MaxValue, lane.TakeDue(now: 1_000, ref expired));
        Assert.Equal([calls[0], calls[^1], .. later], expired);
    }

    [Fact]
    public void TakeDue_DropsCallsCompletedWithoutRemove()
    {
        var lane = new TimeoutLane();
        var answered = Append(lane, 10);
        Append(lane, 30);
        answered.TryReply("answer"); // as when an answer raced a move of its slot

        List<PendingCall>? expired = null;
        Assert.Equal(30, lane.TakeDue(now: 20, ref expired));
        Assert.Null(expired);
    }

    [Fact]
    public async Task TakeDue_CopesWithTheOldestCallBeingAnsweredWhileItLooks()
    {
        // Answers clear their slot without the lock, so the oldest slot can empty between the
        // timer's skip over finished calls and its read of the oldest (CI crashed a test host on it).
        var lane = new TimeoutLane();
        var calls = Enumerable.Range(0, 200_000).Select(_ => Append(lane, due: 10)).ToArray();
        using var answered = new ManualResetEventSlim();

        var answers = Task.Run(() =>
        {
            answered.Set();
            foreach (var call in calls)
            {
                call.TryReply("answer");
                lane.Remove(call);
            }
        });

        answered.Wait();
        List<PendingCall>? expired = null;
        long next;
        do
        {
            next = lane.TakeDue(now: 5, ref expired);
            Assert.True(next is 10 or long.MaxValue, $"next deadline {next}");
        }
        while (next != long.MaxValue);

        await answers;
        Assert.Null(expired);
        Assert.Equal(0, lane.Used);
    }

    [Fact]
    public async Task Lane_UnderAnswersFromAnotherThread_HandsEachCallToTheTimerAtMostOnceAndOnlyWhenDue()
    {
        // The lock holder appends (a little out of order, so appends step back over later calls), squeezes
        // and grows the ring, and scans as time passes, while another thread answers calls, half in order
        // and half at random (racing the moves). The head race of TakeDue has a test of its own above.
        const int Calls = 100_000;
        var lane = new TimeoutLane();
        var appended = new PendingCall[Calls];
        var published = 0;
        var answers = Task.Run(() =>
        {
            var random = new Random(7);
            var inOrder = 0; // every other answer goes to the oldest call not yet answered, as most replies do
            for (var answered = 0; answered < Calls / 2;)
            {
                var upTo = Volatile.Read(ref published);
                if (upTo <= inOrder)
                {
                    continue;
                }

                var call = appended[answered % 2 == 0 ? inOrder++ : random.Next(upTo)];
                call.TryReply("answer");
                lane.Remove(call);
                answered++;
            }
        });

        var taken = new HashSet<PendingCall>(ReferenceEqualityComparer.Instance);
        var jitter = new Random(11);
        List<PendingCall>? expired = null;
        for (var i = 0; i < Calls; i++)
        {
            var call = NewCall();
            lane.Append(call, due: i + jitter.Next(3));
            appended[i] = call;
            Volatile.Write(ref published, i + 1);
            if (i % 64 == 63)
            {
                var now = i - 1_000; // a thousand calls wait at any time, so the ring grows and squeezes
                lane.TakeDue(now, ref expired);
                foreach (var due in expired ?? [])
                {
                    Assert.True(due.TimeoutDue <= now, $"call due at {due.TimeoutDue} taken at {now}");
                    Assert.True(taken.Add(due), "a call was taken twice");
                }

                expired?.Clear();
            }
        }

        await answers;
        Assert.Equal(long.MaxValue, lane.TakeDue(long.MaxValue - 1, ref expired));
        foreach (var due in expired ?? [])
        {
            Assert.True(taken.Add(due), "a call was taken twice");
        }

        Assert.Equal(0, lane.Used);
        Assert.All(appended, call => Assert.True(call.IsCompleted || taken.Contains(call), "a waiting call was lost"));
    }

    private PendingCall Append(TimeoutLane lane, long due)
    {
        var call = NewCall();
        lane.Append(call, due);
        return call;
    }
}
