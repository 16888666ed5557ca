using Dashboard.Heartbeats;

namespace Unit.Dashboard.Heartbeats;

public sealed class DeferredReplyStepsTests
{
    [Fact]
    public void All_SixStepsNumberedInOrder_EachFoundByItsNumber()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6], DeferredReplySteps.All.Select(step => step.Number));
        Assert.All(DeferredReplySteps.All, step => Assert.Same(step, DeferredReplySteps.Get(step.Number)));
        Assert.Equal("|4| NoReply: HandleCall returns NoReply and the actor keeps From", DeferredReplySteps.NoReply.Tooltip);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Get_NoSuchStep_ThrowsAClearError(int number)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DeferredReplySteps.Get(number));

        Assert.Contains("steps 1 to 6", error.Message);
    }
}
