using ActorRuntime.Processes;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime.Processes;

public class TurnTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AShortTurn_GoesOnPastItsBudget_UpToMaxBudgets()
    {
        var turn = new Turn(64) { Started = true, StartedAt = _time.GetTimestamp() };

        var verdicts = Enumerable.Range(1, Turn.MaxBudgets).Select(_ => turn.IsLong(_time)).ToArray();

        Assert.All(verdicts[..^1], isLong => Assert.False(isLong));
        Assert.True(verdicts[^1], "a turn whose clock never moves still yields after MaxBudgets budgets");
    }

    [Fact]
    public void ATurnThatLastedItsSlice_IsLongAtItsFirstBudgetsEnd()
    {
        var turn = new Turn(64) { Started = true, StartedAt = _time.GetTimestamp() };
        _time.Advance(Turn.Slice);

        Assert.True(turn.IsLong(_time));
    }

    [Fact]
    public void ATurnJustUnderItsSlice_GoesOn()
    {
        var turn = new Turn(64) { Started = true, StartedAt = _time.GetTimestamp() };
        _time.Advance(Turn.Slice - TimeSpan.FromTicks(1));

        Assert.False(turn.IsLong(_time));
    }
}
