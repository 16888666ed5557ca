using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ActorRuntime;
using Dashboard.Services;
using E2E.Infrastructure;
using E2E.Operator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using TestSupport;

namespace E2E.Load;

/// <summary>
/// Many real tabs at once, each with its own live actor. Kept short for CI (10 tabs); set
/// <c>E2E_LOAD_TABS=50</c> (and optionally <c>E2E_LOAD_HOLD_SECONDS</c>, default 60 in that mode) for the long run.
/// </summary>
/// <remarks>
/// Like a user with many tabs, only one is in front: each tab goes to the background once it shows its pid
/// (the browser reports it hidden; its heartbeats go on) and comes to the front for its Request.
/// </remarks>
[Collection(MultiTabCollection.Name)]
public sealed partial class MultiTabLoadTests(MultiTabFixture fixture, ITestOutputHelper output)
{
    private const int CiTabs = 10;
    private const int OpenAtOnce = 3; // tabs opened in parallel: keeps a 2-core machine responsive
    private static readonly TimeSpan TabStartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OpenManyTabs_EachKeepsItsOwnLiveActor_AndTheNodeCountsThemAll()
    {
        // Arrange
        var (tabs, hold) = Mode();
        var directory = fixture.Server.Services.GetRequiredService<ActorDirectory>();
        var system = fixture.Server.Services.GetRequiredService<ActorSystem>();
        await using var context = await fixture.NewContextAsync();
        var clock = Stopwatch.StartNew();

        // Act: open the tabs.
        var pages = new List<IPage>();
        foreach (var batch in Enumerable.Range(0, tabs).Chunk(OpenAtOnce))
        {
            pages.AddRange(await Task.WhenAll(batch.Select(_ => OpenTabAsync(context))));
        }

        var opened = clock.Elapsed;

        // Assert: every tab shows its own pid, and the node has a live tab actor under each.
        var pids = new List<Pid>();
        foreach (var page in pages)
        {
            pids.Add(Pid.Parse(await page.GetByTestId("actor-pid").InnerTextAsync(), CultureInfo.InvariantCulture));
        }

        Assert.Equal(tabs, pids.Distinct().Count());
        Assert.All(pids, pid => Assert.True(system.IsAlive(pid), $"{pid} is not alive"));
        Assert.All(pids, pid => Assert.Equal(OwnerKind.Tab, directory.Find(pid)?.Owner));
        Assert.True(directory.Count(OwnerKind.Tab) >= tabs, $"the directory counts {directory.Count(OwnerKind.Tab)} tab actors, fewer than {tabs}");
        Assert.True(system.ActorCount >= tabs);

        // Assert: the operator's overview counts them all.
        await using (var admin = await fixture.NewContextAsync())
        {
            var overview = await OperatorFixture.SignInAsync(admin);
            await Until.TrueAsync(
                async () => await OperatorFixture.LiveCountAsync(overview) >= tabs, $"the overview to count {tabs} live actors", TabStartTimeout);
        }

        // Assert: each tab's Request works (a deferred call through its own circuit and actor).
        foreach (var batch in pages.Chunk(OpenAtOnce))
        {
            await Task.WhenAll(batch.Select(async page =>
            {
                await page.SetTabHiddenAsync(hidden: false);
                await page.GetByTestId("btn-request").ClickAsync(new LocatorClickOptions { Timeout = (float)TabStartTimeout.TotalMilliseconds });
                await Expect(page.GetByTestId("last-result")).ToContainTextAsync(
                    "replied", new LocatorAssertionsToContainTextOptions { Timeout = (float)TabStartTimeout.TotalMilliseconds });
                await page.SetTabHiddenAsync(hidden: true);
            }));
        }

        // Assert: every tab's browser timer keeps its actor fed with heartbeats, for the hold time.
        await Until.TrueAsync(
            () => pids.All(pid => directory.Find(pid)?.Snapshot().HeartbeatAge is not null),
            "every tab sent a heartbeat",
            TimeSpan.FromSeconds(30));
        if (hold > TimeSpan.Zero)
        {
            var until = DateTime.UtcNow + hold;
            while (DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromSeconds(5)); // the hold itself is the test's point: sample while it lasts
                AssertAllHealthy(pids, directory, system);
            }
        }

        AssertAllHealthy(pids, directory, system);
        var calls = pids.Sum(pid => directory.Find(pid)!.Tracker.Snapshot().Counters.Calls);
        var replies = pids.Sum(pid => directory.Find(pid)!.Tracker.Snapshot().Counters.Replies);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{tabs} tabs opened in {opened.TotalSeconds:0.0} s, held {hold.TotalSeconds:0} s; {calls} calls, {replies} replies; node actors {system.ActorCount}; total {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>
    /// Like <c>OpenInteractiveAsync</c>, with more patience (many tabs at once on 2 cores start slowly); once the
    /// tab shows its pid it goes to the background.
    /// </summary>
    private static async Task<IPage> OpenTabAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/", new PageGotoOptions { Timeout = (float)TabStartTimeout.TotalMilliseconds });
        await Expect(page.GetByTestId("app-shell")).ToHaveAttributeAsync(
            "data-interactive", "true", new LocatorAssertionsToHaveAttributeOptions { Timeout = (float)TabStartTimeout.TotalMilliseconds });
        await Expect(page.GetByTestId("actor-pid")).ToHaveTextAsync(PidText());
        await page.SetTabHiddenAsync(hidden: true);
        return page;
    }

    private static void AssertAllHealthy(List<Pid> pids, ActorDirectory directory, ActorSystem system)
    {
        foreach (var pid in pids)
        {
            var view = directory.Find(pid)?.Snapshot();
            Assert.True(view is not null && system.IsAlive(pid), $"tab actor {pid} is gone");
            Assert.True(view.Health == HeartbeatHealth.Ok, $"tab actor {pid}: heartbeat {view.Health} ({view.HeartbeatAge})");
            Assert.Equal(0, view.Tracker.Counters.Errors);
        }
    }

    /// <summary>10 tabs and no hold for CI; <c>E2E_LOAD_TABS</c> / <c>E2E_LOAD_HOLD_SECONDS</c> for the long run.</summary>
    private static (int Tabs, TimeSpan Hold) Mode()
    {
        var tabs = int.TryParse(Environment.GetEnvironmentVariable("E2E_LOAD_TABS"), CultureInfo.InvariantCulture, out var n) ? n : CiTabs;
        var defaultHold = tabs > CiTabs ? 60 : 0;
        var hold = int.TryParse(Environment.GetEnvironmentVariable("E2E_LOAD_HOLD_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : defaultHold;
        Assert.InRange(tabs, 1, 200);
        Assert.InRange(hold, 0, 600);
        return (tabs, TimeSpan.FromSeconds(hold));
    }

    [GeneratedRegex(@"^<0\.\d+\.0>$")]
    private static partial Regex PidText();
}
