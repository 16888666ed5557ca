using ActorRuntime;
using Dashboard.Components.Pages.Overview;
using Dashboard.Overview;

namespace Unit.Dashboard.Overview;

public sealed class OverviewSearchTests
{
    private static readonly OverviewRow[] Rows =
    [
        Row(42, "tab"), Row(4, "hub"), Row(420, "tab"), Row(7, "virtual"),
    ];

    [Theory]
    [InlineData("<0.42.0>")]
    [InlineData("0.42.0")]
    [InlineData("42")]
    [InlineData("  42 ")]
    public void FilterAndSort_SearchByPid_FindsExactlyThatActor(string search)
    {
        // Act
        var found = OverviewSorting.FilterAndSort(Rows, new OverviewQuery() { Search = search });

        // Assert
        Assert.Equal(42L, Assert.Single(found).Pid.Id);
    }

    [Fact]
    public void FilterAndSort_SearchAndOwner_BothApply()
    {
        // Act
        var sameOwner = OverviewSorting.FilterAndSort(Rows, new OverviewQuery(Owner: "tab") { Search = "42" });
        var otherOwner = OverviewSorting.FilterAndSort(Rows, new OverviewQuery(Owner: "hub") { Search = "42" });

        // Assert
        Assert.Single(sameOwner);
        Assert.Empty(otherOwner);
    }

    [Theory]
    [InlineData("not-a-pid")]
    [InlineData("<0.x.0>")]
    [InlineData("999")]
    public void FilterAndSort_SearchMatchingNoPid_FindsNothing(string search) =>
        Assert.Empty(OverviewSorting.FilterAndSort(Rows, new OverviewQuery() { Search = search }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void FilterAndSort_BlankSearch_KeepsEveryRow(string? search) =>
        Assert.Equal(Rows.Length, OverviewSorting.FilterAndSort(Rows, new OverviewQuery() { Search = search }).Length);

    [Theory]
    [InlineData("", true)]
    [InlineData("<0.42.0>", true)]
    [InlineData("42", true)]
    [InlineData("abc", false)]
    [InlineData("-1", false)]
    public void IsPidOrEmpty_TellsTheSearchBoxWhenToShowItsError(string text, bool expected) =>
        Assert.Equal(expected, OverviewSearch.IsPidOrEmpty(text));

    private static OverviewRow Row(long id, string owner) =>
        new() { Pid = new Pid(id), Name = "Test", Owner = owner, Status = ActorStatus.Idle };
}
