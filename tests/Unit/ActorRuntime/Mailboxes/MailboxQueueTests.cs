using ActorRuntime.Mailboxes;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime.Mailboxes;

public class MailboxQueueTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Messages_ComeOutInOrder_AcrossGrowth_WithAnExactCount()
    {
        var mailbox = new Mailbox(capacity: null);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal(EnqueueResult.Enqueued, mailbox.TryEnqueue(Message(i)));
        }

        Assert.Equal(1_000, mailbox.Count);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(mailbox.TryDequeue(out var envelope));
            Assert.Equal(i, envelope.Message);
            Assert.Equal(999 - i, mailbox.Count);
        }

        Assert.False(mailbox.TryDequeue(out _));
        Assert.True(mailbox.IsEmpty);
    }

    [Fact]
    public void Calls_KeepTheirPendingCall_AndCastsTheirKind()
    {
        var mailbox = new Mailbox(capacity: null);
        mailbox.TryEnqueue(new Envelope(EnvelopeKind.Cast, "cast"));
        mailbox.TryEnqueue(new Envelope(EnvelopeKind.Info, "info"));

        Assert.True(mailbox.TryDequeue(out var cast));
        Assert.True(mailbox.TryDequeue(out var info));

        Assert.Equal((EnvelopeKind.Cast, "cast"), (cast.Kind, cast.Message));
        Assert.Equal((EnvelopeKind.Info, "info"), (info.Kind, info.Message));
        Assert.Null(cast.Call);
    }

    [Fact]
    public void AFirstMessage_CreatesOnlyASmallRing()
    {
        var mailbox = new Mailbox(capacity: null);
        Assert.Equal(0, mailbox.HeadSegmentLength);

        mailbox.TryEnqueue(Message(1));

        Assert.Equal(Mailbox.InitialSegmentLength, mailbox.HeadSegmentLength);
    }

    [Fact]
    public void Trim_AfterAFlood_SwapsTheLargeRingForASmallOne_AndKeepsWorking()
    {
        var mailbox = new Mailbox(capacity: null);
        Flood(mailbox, 10_000);
        while (mailbox.TryDequeue(out _))
        {
        }

        Assert.True(mailbox.HeadSegmentLength >= 4_096);

        mailbox.TrimIfOversized(handledSinceIdle: 1, _time); // starts the quiet period
        _time.Advance(Mailbox.TrimAfterQuiet);
        mailbox.TrimIfOversized(handledSinceIdle: 1, _time);

        Assert.Equal(Mailbox.InitialSegmentLength, mailbox.HeadSegmentLength);
        Flood(mailbox, 10);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(mailbox.TryDequeue(out var envelope));
            Assert.Equal(i, envelope.Message);
        }
    }

    [Fact]
    public void Trim_KeepsTheRing_WhileItWasNeededWithinTheQuietPeriod()
    {
        var mailbox = new Mailbox(capacity: null);
        Flood(mailbox, 1_000);
        while (mailbox.TryDequeue(out _))
        {
        }

        var length = mailbox.HeadSegmentLength;

        mailbox.TrimIfOversized(handledSinceIdle: 1, _time);
        _time.Advance(Mailbox.TrimAfterQuiet / 2);
        mailbox.TrimIfOversized(handledSinceIdle: 1_000, _time); // busy again: the quiet period restarts
        _time.Advance(Mailbox.TrimAfterQuiet / 2);
        mailbox.TrimIfOversized(handledSinceIdle: 1, _time);

        Assert.Equal(length, mailbox.HeadSegmentLength);
    }

    [Fact]
    public void Trim_WithMessagesStillQueued_LosesNone()
    {
        var mailbox = new Mailbox(capacity: null);
        Flood(mailbox, 100);
        for (var i = 0; i < 95; i++)
        {
            mailbox.TryDequeue(out _);
        }

        mailbox.TrimIfOversized(handledSinceIdle: 0, _time);
        _time.Advance(Mailbox.TrimAfterQuiet);
        mailbox.TrimIfOversized(handledSinceIdle: 0, _time);
        mailbox.TryEnqueue(Message(100));

        Assert.Equal(6, mailbox.Count);
        for (var expected = 95; expected <= 100; expected++)
        {
            Assert.True(mailbox.TryDequeue(out var envelope));
            Assert.Equal(expected, envelope.Message);
        }

        Assert.Equal(Mailbox.InitialSegmentLength, mailbox.HeadSegmentLength);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(64)]
    public void ARing_WhosePositionsWrapPastIntMaxValue_KeepsOrderCountAndFullness(int length)
    {
        var ring = new MailboxSegment(length, firstPosition: int.MaxValue - (length / 2));
        var next = 0;
        var taken = 0;
        for (var lap = 0; lap < 3; lap++) // fill and empty it three times across the wrap
        {
            while (ring.TryEnqueue(Message(next)))
            {
                next++;
            }

            Assert.Equal(length, ring.Count);
            for (var i = 0; i < length; i++)
            {
                Assert.True(ring.TryDequeue(out var envelope));
                Assert.Equal(taken++, envelope.Message);
            }

            Assert.Equal(0, ring.Count);
            Assert.False(ring.TryDequeue(out _));
        }

        ring.FreezeAndLink(new MailboxSegment(4));
        Assert.False(ring.TryEnqueue(Message(next)));
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void APaddedRing_TakingInUnevenBursts_KeepsOrder_AndHoldsBackAtMostThreeTakenSlots()
    {
        const int Length = MailboxSegment.PaddedFrom; // padded: taken slots go back to senders four at a time
        var ring = new MailboxSegment(Length, firstPosition: int.MaxValue - 29); // an odd start, across the wrap
        var random = new Random(7);
        var next = 0;
        var taken = 0;
        for (var step = 0; step < 2_000; step++)
        {
            for (var burst = random.Next(1, 8); burst > 0 && next - taken < Length - 3; burst--)
            {
                Assert.True(ring.TryEnqueue(Message(next)), $"refused with {next - taken} of {Length} slots used");
                next++;
            }

            for (var burst = random.Next(1, 8); burst > 0 && taken < next; burst--)
            {
                Assert.True(ring.TryDequeue(out var envelope));
                Assert.Equal(taken++, envelope.Message);
            }

            Assert.Equal(next - taken, ring.Count);
        }

        while (taken < next)
        {
            Assert.True(ring.TryDequeue(out var envelope));
            Assert.Equal(taken++, envelope.Message);
        }

        Assert.False(ring.TryDequeue(out _)); // caught up: every taken slot is back
        for (var i = 0; i < Length; i++)
        {
            Assert.True(ring.TryEnqueue(Message(next++)));
        }
    }

    [Fact]
    public void APaddedRing_KeepsNoTakenMessageAlive_OnceTheReaderHasCaughtUp()
    {
        var ring = new MailboxSegment(MailboxSegment.PaddedFrom);
        var message = EnqueueAndTakeOne(ring); // taken, its slot not yet handed back (one of four)

        Assert.False(ring.TryDequeue(out _));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(message.IsAlive);
    }

    [Fact]
    public void Bounded_RefusesPastItsCapacity_AndFreesAPlacePerTake()
    {
        var mailbox = new Mailbox(capacity: 3);
        Flood(mailbox, 3);

        Assert.Equal(EnqueueResult.Full, mailbox.TryEnqueue(Message(3)));
        Assert.True(mailbox.TryDequeue(out _));
        Assert.Equal(EnqueueResult.Enqueued, mailbox.TryEnqueue(Message(3)));
        Assert.Equal(3, mailbox.Count);
    }

    [Fact]
    public void DrainAll_WithClose_ReturnsEveryMessageOnce_AndRefusesLaterOnes()
    {
        var mailbox = new Mailbox(capacity: null);
        Flood(mailbox, 50);

        var drained = mailbox.DrainAll(close: true);

        Assert.Equal(Enumerable.Range(0, 50), drained.Select(envelope => (int)envelope.Message));
        Assert.Equal(EnqueueResult.Closed, mailbox.TryEnqueue(Message(50)));
        Assert.Empty(mailbox.DrainAll(close: true));
        Assert.Equal(0, mailbox.Count);
    }

    [Fact]
    public void DrainAll_WithClose_DropsTheRings_SoAKeptPidHoldsNoFloodsRing()
    {
        var mailbox = new Mailbox(capacity: null);
        Flood(mailbox, 1_000);
        Assert.NotEqual(0, mailbox.HeadSegmentLength);

        Assert.Equal(1_000, mailbox.DrainAll(close: true).Length);

        Assert.Equal(0, mailbox.HeadSegmentLength);
        Assert.Equal(EnqueueResult.Closed, mailbox.TryEnqueue(Message(0)));
        Assert.False(mailbox.TryDequeue(out _));
        Assert.Equal(0, mailbox.Count);
    }

    [Fact]
    public void DrainAll_WithoutClose_KeepsTheRingAndTakesMore()
    {
        var mailbox = new Mailbox(capacity: null);
        Flood(mailbox, 10);

        Assert.Equal(10, mailbox.DrainAll(close: false).Length);

        Assert.Equal(EnqueueResult.Enqueued, mailbox.TryEnqueue(Message(10)));
        Assert.True(mailbox.TryDequeue(out var envelope));
        Assert.Equal(10, envelope.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(64)]
    public async Task ConcurrentSenders_WithATrimmingReader_DeliverEveryMessageOnce_InEachSendersOrder(int? capacity)
    {
        const int Senders = 3;
        const int PerSender = 20_000;
        var mailbox = new Mailbox(capacity);
        using var start = new Barrier(Senders + 1);
        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerSender; i++)
            {
                var message = new Numbered(sender, i);
                var spinner = default(SpinWait);
                while (mailbox.TryEnqueue(new Envelope(EnvelopeKind.Info, message)) == EnqueueResult.Full)
                {
                    spinner.SpinOnce(); // bounded: wait for the reader
                }
            }
        })).ToArray();

        var next = new int[Senders];
        var received = 0;
        var sinceTrim = 0;
        var idle = default(SpinWait);
        start.SignalAndWait();
        while (received < Senders * PerSender)
        {
            if (mailbox.TryDequeue(out var envelope))
            {
                var message = (Numbered)envelope.Message;
                Assert.Equal(next[message.Sender]++, message.Index);
                received++;
                sinceTrim++;
            }
            else
            {
                mailbox.TrimIfOversized(sinceTrim, _time); // as the loop does when it goes idle
                _time.Advance(Mailbox.TrimAfterQuiet); // so that every quiet idle trims
                sinceTrim = 0;
                idle.SpinOnce(); // yields, so the test does not starve the others running beside it
                Assert.False(senders.All(sender => sender.IsCompleted) && mailbox.IsEmpty && received < Senders * PerSender,
                    $"lost messages: {received} of {Senders * PerSender} received");
            }
        }

        await Task.WhenAll(senders);
        Assert.False(mailbox.TryDequeue(out _));
        Assert.Equal(0, mailbox.Count);
        Assert.All(next, count => Assert.Equal(PerSender, count));
    }

    private static Envelope Message(int value) => new(EnvelopeKind.Info, (object)value);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference EnqueueAndTakeOne(MailboxSegment ring)
    {
        var message = new object();
        Assert.True(ring.TryEnqueue(new Envelope(EnvelopeKind.Info, message)));
        Assert.True(ring.TryDequeue(out var envelope));
        Assert.Same(message, envelope.Message);
        return new WeakReference(message);
    }

    private static void Flood(Mailbox mailbox, int count)
    {
        for (var i = 0; i < count; i++)
        {
            mailbox.TryEnqueue(Message(i));
        }
    }

    private sealed record Numbered(int Sender, int Index);
}
