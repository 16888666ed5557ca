using System.Text.RegularExpressions;
using ActorRuntime;
using E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Operator;

[Collection(OperatorCollection.Name)]
public sealed class OverviewTests(OperatorFixture fixture)
{
    [Fact]
    public async Task OpenThreeTabs_ShowsThreeMoreRows_AndClosingThemBringsTheCountBack()
    {
        // Arrange: no actor at all — the overview's own tab has none (see OverviewTab_WatchingAlone_HasNoActorOfItsOwn),
        // and the tabs of earlier tests are gone
        await using var admin = await fixture.NewContextAsync();
        var overview = await OperatorFixture.SignInAsync(admin);
        await Expect(overview.GetByTestId("overview-actor-count")).ToHaveTextAsync(OperatorFixture.LiveCount(0));
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(0);
        var user = await fixture.NewContextAsync();

        // Act
        var tabs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => user.OpenInteractiveAsync("/")));

        // Assert
        await Expect(overview.GetByTestId("overview-actor-count")).ToHaveTextAsync(OperatorFixture.LiveCount(3));
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(3);
        foreach (var tab in tabs)
        {
            var pid = await tab.GetByTestId("actor-pid").InnerTextAsync();
            await Expect(overview.GetByTestId("overview-pid").GetByText(pid, new() { Exact = true })).ToBeVisibleAsync();
        }

        // Act: close the user's tabs
        await user.CloseAsync();

        // Assert
        await Expect(overview.GetByTestId("overview-actor-count")).ToHaveTextAsync(OperatorFixture.LiveCount(0));
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(0);
        await user.DisposeAsync();
    }

    [Fact]
    public async Task OverviewTab_WatchingAlone_HasNoActorOfItsOwn()
    {
        // Arrange: pids are handed out in order, so the actors spawned from here on have larger ids
        var system = fixture.Server.Services.GetRequiredService<ActorSystem>();
        var lastBefore = system.ListActors().Select(actor => actor.Pid.Id).DefaultIfEmpty().Max();
        await using var admin = await fixture.NewContextAsync();
        var overview = await OperatorFixture.SignInAsync(admin);

        // Act: a user's tab opens, and the operator opens its drill-down from the overview
        await using var user = await fixture.NewContextAsync();
        var tab = await user.OpenInteractiveAsync("/");
        await Expect(tab.GetByTestId("actor-pid")).ToHaveTextAsync(new Regex(@"^<0\.\d+\.0>$"));
        var pid = await tab.GetByTestId("actor-pid").InnerTextAsync();
        await overview.GetByTestId("overview-pid").GetByText(pid, new() { Exact = true }).ClickAsync();
        await Expect(overview.GetByTestId("actor-pid")).ToHaveTextAsync(pid);

        // Assert: the only new actor is the user's; the operator's circuit spawned none
        Assert.Equal([pid], system.ListActors().Where(actor => actor.Pid.Id > lastBefore).Select(actor => actor.Pid.ToString()));
    }

    [Fact]
    public async Task SortByQueueDepth_PutsAFloodingTabOnTop()
    {
        // Arrange: an idle tab and, opened after it, the tab that will flood; sorted by pid the flooding one comes last
        await using var admin = await fixture.NewContextAsync();
        var overview = await OperatorFixture.SignInAsync(admin);
        await using var user = await fixture.NewContextAsync();
        var idle = await user.OpenInteractiveAsync("/");
        await Expect(idle.GetByTestId("actor-pid")).ToHaveTextAsync(new Regex(@"^<0\.\d+\.0>$"));
        var tab = await user.OpenInteractiveAsync("/");
        await Expect(tab.GetByTestId("actor-pid")).ToHaveTextAsync(new Regex(@"^<0\.\d+\.0>$"));
        var floodingPid = await tab.GetByTestId("actor-pid").InnerTextAsync();
        await Expect(overview.GetByTestId("overview-pid").GetByText(floodingPid, new() { Exact = true })).ToBeVisibleAsync();
        await overview.GetByTestId("sort-Pid").ClickAsync();
        await Expect(overview.GetByTestId("overview-row")).ToHaveCountAsync(2);
        await Expect(overview.GetByTestId("overview-pid").Last).ToHaveTextAsync(floodingPid);

        // Act: flood the user's actor (3,000 slow messages queue up), then sort by queue depth
        await tab.GetByTestId("btn-flood").ClickAsync();
        await Expect(tab.GetByTestId("last-result")).ToContainTextAsync("flood");
        await overview.GetByTestId("sort-QueueDepth").ClickAsync();

        // Assert
        await Expect(overview.GetByTestId("overview-pid").First).ToHaveTextAsync(floodingPid);
        await Expect(overview.GetByTestId("overview-queue-depth").First).Not.ToHaveTextAsync("0");
    }

    [Fact]
    public async Task RowPid_Click_OpensThatActorReadOnly()
    {
        // Arrange
        await using var admin = await fixture.NewContextAsync();
        var overview = await OperatorFixture.SignInAsync(admin);
        await using var user = await fixture.NewContextAsync();
        var tab = await user.OpenInteractiveAsync("/");
        await Expect(tab.GetByTestId("actor-pid")).ToHaveTextAsync(new Regex(@"^<0\.\d+\.0>$"));
        var pid = await tab.GetByTestId("actor-pid").InnerTextAsync();

        // Act
        await overview.GetByTestId("overview-pid").GetByText(pid, new() { Exact = true }).ClickAsync();

        // Assert
        await Expect(overview).ToHaveURLAsync(new Regex(@"/actors/\d+\?node=[^&]+$")); // pids are per node: the link names it
        await Expect(overview.GetByTestId("actor-pid")).ToHaveTextAsync(pid);
        await Expect(overview.GetByTestId("read-only")).ToBeVisibleAsync();
        await Expect(overview.GetByTestId("btn-request")).ToHaveCountAsync(0);
        await tab.GetByTestId("btn-request").ClickAsync();
        await Expect(overview.GetByTestId("count-calls")).Not.ToHaveTextAsync("0");
    }

    [Fact]
    public async Task DrillDown_UnknownPid_SaysSo()
    {
        // Arrange
        await using var admin = await fixture.NewContextAsync();

        // Act
        var page = await OperatorFixture.SignInAsync(admin, "/actors/%3C0.999999.0%3E");

        // Assert
        await Expect(page.GetByTestId("no-such-actor")).ToContainTextAsync("<0.999999.0>");
    }
}
