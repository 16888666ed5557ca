using ActorRuntime;
using Dashboard.Overview;

namespace Unit.Dashboard.Overview;

public sealed class OverviewSortingTests
{
    // Row n has every numeric column equal to n (and owners/statuses in the same order), so each column sorts 1, 2, 3.
    private static readonly OverviewRow[] Rows = [Row(2), Row(3), Row(1)];

    public static TheoryData<OverviewColumn> Columns() => [.. Enum.GetValues<OverviewColumn>()];

    [Theory]
    [MemberData(nameof(Columns))]
    public void FilterAndSort_EachColumn_SortsAscendingAndDescending(OverviewColumn column)
    {
        // Arrange
        long[] expected = column == OverviewColumn.HeartbeatAge ? [3, 2, 1] : [1, 2, 3]; // a later heartbeat is a smaller age

        // Act
        var ascending = OverviewSorting.FilterAndSort(Rows, new OverviewQuery(column, Descending: false));
        var descending = OverviewSorting.FilterAndSort(Rows, new OverviewQuery(column, Descending: true));

        // Assert
        Assert.Equal(expected, ascending.Select(row => row.Pid.Id));
        Assert.Equal(expected.Reverse(), descending.Select(row => row.Pid.Id));
    }

    [Fact]
    public void FilterAndSort_Ties_FallBackToPidAscendingInBothDirections()
    {
        // Arrange
        OverviewRow[] rows = [Row(3) with { QueueDepth = 7 }, Row(1) with { QueueDepth = 7 }, Row(2) with { QueueDepth = 9 }];

        // Act
        var sorted = OverviewSorting.FilterAndSort(rows, new OverviewQuery(OverviewColumn.QueueDepth, Descending: true));

        // Assert
        Assert.Equal([2L, 1, 3], sorted.Select(row => row.Pid.Id));
    }

    [Fact]
    public void FilterAndSort_WithOwner_KeepsOnlyThatOwnerAndLeavesTheInputAlone()
    {
        // Arrange
        var input = Rows.ToArray();

        // Act
        var sorted = OverviewSorting.FilterAndSort(input, new OverviewQuery(Owner: "owner-2"));

        // Assert
        Assert.Equal(2, Assert.Single(sorted).Pid.Id);
        Assert.Equal(Rows, input);
    }

    private static OverviewRow Row(int n) => new()
    {
        Pid = new Pid(n),
        Name = "test",
        Owner = $"owner-{n}",
        Status = (ActorStatus)n,
        QueueDepth = n,
        DeferredCalls = n,
        ExternalInFlight = n,
        Timeouts = n,
        LateReplies = n,
        Crashes = n,
        LastHeartbeat = n * 1_000,
        HandleTimeP99 = TimeSpan.FromMilliseconds(n),
    };
}
