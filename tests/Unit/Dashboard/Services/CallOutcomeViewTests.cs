using ActorRuntime;
using Dashboard.Heartbeats;
using Dashboard.Hubs;
using Dashboard.Services;

namespace Unit.Dashboard.Services;

/// <summary>The one classification of an ended call: from a reply or a runtime exception to a kind, a stage and a text.</summary>
public sealed class CallOutcomeViewTests
{
    private static readonly Pid Actor = new(42);

    [Fact]
    public void Answered_OwnSuccessfulReply_IsRepliedAndOk()
    {
        var outcome = CallOutcomeView.Answered(5, new HeartbeatReply(5, true, "pong after 200 ms", TimeSpan.FromMilliseconds(200)));

        Assert.Equal((CallOutcomeKind.Replied, CallStage.Replied, true, false), (outcome.Kind, outcome.Stage, outcome.Ok, outcome.IsMisrouted));
        Assert.Equal(("pong after 200 ms", 5L, TimeSpan.FromMilliseconds(200)), (outcome.Text, outcome.AnsweredWith, outcome.ExternalLatency));
    }

    [Fact]
    public void Answered_OwnFailedReply_IsAnExternalFailure()
    {
        var outcome = CallOutcomeView.Answered(5, new HeartbeatReply(5, false, "external work failed", TimeSpan.FromMilliseconds(10)));

        Assert.Equal((CallOutcomeKind.ExternalFailure, CallStage.Error, false), (outcome.Kind, outcome.Stage, outcome.Ok));
        Assert.Equal("external work failed", outcome.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Answered_AnotherCallsReply_IsAMisroutedReplyWhateverItSaid(bool ok)
    {
        var outcome = CallOutcomeView.Answered(5, new HeartbeatReply(3, ok, "pong", TimeSpan.FromMilliseconds(10)));

        Assert.Equal((CallOutcomeKind.Replied, CallStage.Misrouted, true, false), (outcome.Kind, outcome.Stage, outcome.IsMisrouted, outcome.Ok));
        Assert.Equal(("misrouted: got the answer of call #3", 3L), (outcome.Text, outcome.AnsweredWith));
    }

    [Theory]
    [InlineData(true, "timed out after 250 ms while queued")]
    [InlineData(false, "timed out after 250 ms while deferred")]
    public void Failed_Timeout_IsATimeoutThatSaysWhere(bool whileQueued, string text)
    {
        var timeout = TimeSpan.FromMilliseconds(250);

        var outcome = CallOutcomeView.Failed(5, new CallTimeoutException(Actor, "r", timeout, whileQueued), timeout)!;

        Assert.Equal((CallOutcomeKind.Timeout, CallStage.TimedOut, text), (outcome.Kind, outcome.Stage, outcome.Text));
        Assert.Null(outcome.AnsweredWith);
    }

    public static TheoryData<Exception, CallOutcomeKind, string> Failures => new()
    {
        { new ActorExitedException(Actor, "crash"), CallOutcomeKind.ActorExited, "actor exited: crash" },
        { new MailboxFullException(Actor, 10), CallOutcomeKind.MailboxFull, "mailbox full (10)" },
        { new OperationCanceledException(), CallOutcomeKind.Cancelled, "cancelled by the caller" },
        { new TaskCanceledException(), CallOutcomeKind.Cancelled, "cancelled by the caller" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Failed_RuntimeException_IsAnErrorOfItsKind(Exception error, CallOutcomeKind kind, string text)
    {
        var outcome = CallOutcomeView.Failed(5, error, TimeSpan.FromSeconds(1))!;

        Assert.Equal((kind, CallStage.Error, text, false), (outcome.Kind, outcome.Stage, outcome.Text, outcome.Ok));
    }

    [Fact]
    public void Failed_ExceptionThatIsNoCallOutcome_IsNull()
    {
        Assert.Null(CallOutcomeView.Failed(5, new InvalidOperationException("bug"), TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(SessionState.AtCapacity, "server at capacity")]
    [InlineData(SessionState.NotStarted, "no actor")]
    public void NoActor_SaysWhy(SessionState state, string text)
    {
        var outcome = CallOutcomeView.NoActor(5, state);

        Assert.Equal((CallOutcomeKind.NoActor, CallStage.Error, text), (outcome.Kind, outcome.Stage, outcome.Text));
    }
}
