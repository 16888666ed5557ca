using System.Text.RegularExpressions;
using Dashboard.Overview;
using E2E.Infrastructure;
using E2E.Operator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TestSupport;
using static Microsoft.Playwright.Assertions;

namespace E2E.DocsScreenshots;

/// <summary>
/// <c>overview.png</c>, <c>actor-detail.png</c>, their <c>-dark</c> twins (a browser that prefers dark) and
/// <c>overview-phone.png</c> (390 px): the operator's pages with virtual users and a busy tab. A doc tool, like
/// the rest of this folder (see <see cref="Screenshots"/>).
/// </summary>
[Collection(OperatorScreenshotCollection.Name)]
public sealed class OperatorScreenshots(OperatorScreenshotFixture fixture)
{
    private static readonly ViewportSize Laptop = new() { Width = 1280, Height = 900 };

    [Fact]
    public async Task OverviewAndDrillDown_LightDarkAndPhone_ArePictured()
    {
        // Some life on the node: virtual users, and a tab that bursts, floods and crashes once.
        await using var user = await fixture.NewContextAsync();
        var tab = await user.OpenInteractiveAsync("/");
        await Expect(tab.GetByTestId("actor-pid")).ToHaveTextAsync(new Regex(@"^<0\.(\d+)\.0>$"));
        var pid = await tab.GetByTestId("actor-pid").InnerTextAsync();
        var id = Regex.Match(pid, @"^<0\.(\d+)\.0>$").Groups[1].Value;

        await using (var setup = await NewContextAsync(ColorScheme.Light))
        {
            var overview = await OperatorFixture.SignInAsync(setup);
            await overview.GetByTestId("btn-virtual-start").ClickAsync();
            await Expect(overview.GetByTestId("virtual-running")).Not.ToHaveTextAsync(new Regex("^0 "));
        }

        await tab.GetByTestId("btn-burst").ClickAsync();
        await tab.GetByTestId("btn-request").ClickAsync();
        await tab.GetByTestId("btn-crash").ClickAsync();
        await tab.GetByTestId("btn-flood").ClickAsync();
        var history = fixture.Server.Services.GetRequiredService<OverviewService>().History;
        await Until.TrueAsync(() => history.Snapshot().Length >= 30, "30 points on the totals charts", TimeSpan.FromMinutes(1));
        await tab.GetByTestId("btn-burst").ClickAsync();

        foreach (var (scheme, suffix) in new[] { (ColorScheme.Light, ""), (ColorScheme.Dark, "-dark") })
        {
            await using var context = await NewContextAsync(scheme);
            var page = await OperatorFixture.SignInAsync(context);
            await Expect(page.GetByTestId("overview-row").Nth(5)).ToBeVisibleAsync();
            await page.GetByTestId("sort-Timeouts").ClickAsync();
            await page.Mouse.MoveAsync(0, 0); // no hover highlight in the picture
            await Screenshots.TakeAsync(page, $"overview{suffix}.png");

            await page.GotoAsync($"/actors/{id}");
            await page.WaitForInteractiveAsync();
            await Expect(page.GetByTestId("actor-pid")).ToHaveTextAsync(pid);
            await Expect(page.GetByTestId("count-calls")).Not.ToHaveTextAsync("0");
            await Screenshots.TakeAsync(page, $"actor-detail{suffix}.png");
        }

        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var small = await OperatorFixture.SignInAsync(phone);
        await Expect(small.GetByTestId("overview-row").First).ToBeVisibleAsync();
        await Screenshots.TakeAsync(small, "overview-phone.png");
    }

    private Task<IBrowserContext> NewContextAsync(ColorScheme scheme) => fixture.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = fixture.BaseAddress.ToString(),
        ViewportSize = Laptop,
        ColorScheme = scheme,
    });
}

/// <summary>The operator's server, with totals charts that fill within half a minute and 12 virtual users a click.</summary>
public sealed class OperatorScreenshotFixture() : DashboardFixture(new Dictionary<string, string?>
{
    ["Dashboard:AdminPassword"] = OperatorFixture.Password,
    ["Dashboard:SignIn:PermitLimit"] = "1000",
    ["Dashboard:Overview:SampleInterval"] = "00:00:01",
    ["Dashboard:Overview:History"] = "00:01:00",
    ["Heartbeat:FloodSize"] = "3000",
    ["Heartbeat:FloodMessageCost"] = "00:00:00.002",
});

/// <summary>The one class that uses <see cref="OperatorScreenshotFixture"/>.</summary>
[CollectionDefinition(Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "An xunit collection definition.")]
public sealed class OperatorScreenshotCollection : ICollectionFixture<OperatorScreenshotFixture>
{
    public const string Name = "OperatorScreenshots";
}
