using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Operator;

/// <summary>The operator's actions on <c>/actors/{pid}</c>, what the affected tab shows, and their refusal without sign-in.</summary>
[Collection(OperatorCollection.Name)]
public sealed class OperatorActionsTests(OperatorFixture fixture)
{
    [Fact]
    public async Task Stop_Confirmed_StopsTheTabsActor_AndTheTabSaysAnOperatorDidIt()
    {
        // Arrange
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OpenTabAsync(user);
        await using var admin = await fixture.NewContextAsync();
        var detail = await OperatorFixture.SignInAsync(admin, $"/actors/{pid}");

        // Act
        await detail.GetByTestId("op-stop").ClickAsync();
        await detail.GetByTestId("op-confirm").ClickAsync();

        // Assert
        await Expect(detail.GetByTestId("operator-result")).ToHaveAttributeAsync("data-outcome", "done");
        await Expect(tab.GetByTestId("operator-action")).ToContainTextAsync("stopped by an operator");
        await Expect(tab.GetByTestId("actor-status")).ToHaveTextAsync("stopped");
        await Expect(detail.GetByTestId("no-such-actor")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Kill_Confirmed_CrashesTheTabsActor_ItComesBackUnderTheSamePid_AndTheTabSaysSo()
    {
        // Arrange
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OpenTabAsync(user);
        var pidText = await tab.GetByTestId("actor-pid").InnerTextAsync();
        await using var admin = await fixture.NewContextAsync();
        var detail = await OperatorFixture.SignInAsync(admin, $"/actors/{pid}");

        // Act
        await detail.GetByTestId("op-kill").ClickAsync();
        await detail.GetByTestId("op-confirm").ClickAsync();

        // Assert
        await Expect(detail.GetByTestId("operator-result")).ToHaveAttributeAsync("data-outcome", "done");
        await Expect(tab.GetByTestId("operator-action")).ToContainTextAsync("killed by an operator");
        await Expect(tab.GetByTestId("restart-notice")).ToBeVisibleAsync();
        await Expect(tab.GetByTestId("actor-pid")).ToHaveTextAsync(pidText);
        await Expect(tab.GetByTestId("actor-status")).Not.ToHaveTextAsync("stopped");
    }

    [Fact]
    public async Task Restart_Confirmed_TheTabKeepsItsPid_AndSaysAnOperatorRestartedIt()
    {
        // Arrange
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OpenTabAsync(user);
        var pidText = await tab.GetByTestId("actor-pid").InnerTextAsync();
        await using var admin = await fixture.NewContextAsync();
        var detail = await OperatorFixture.SignInAsync(admin, $"/actors/{pid}");

        // Act
        await detail.GetByTestId("op-restart").ClickAsync();
        await detail.GetByTestId("op-confirm").ClickAsync();

        // Assert
        await Expect(detail.GetByTestId("operator-result")).ToHaveAttributeAsync("data-outcome", "done");
        await Expect(tab.GetByTestId("operator-action")).ToContainTextAsync("restarted by an operator");
        await Expect(tab.GetByTestId("actor-pid")).ToHaveTextAsync(pidText);
        await tab.GetByTestId("btn-request").ClickAsync();
        await Expect(tab.GetByTestId("last-result")).ToContainTextAsync("replied");
    }

    [Fact]
    public async Task Flush_Confirmed_EmptiesAFloodedMailbox_AndTheTabSaysHowManyWereDropped()
    {
        // Arrange: 3,000 slow messages (2 ms each) queue up
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OpenTabAsync(user);
        await using var admin = await fixture.NewContextAsync();
        var detail = await OperatorFixture.SignInAsync(admin, $"/actors/{pid}");
        await tab.GetByTestId("btn-flood").ClickAsync();
        await Expect(detail.GetByTestId("queue-depth")).Not.ToHaveTextAsync("0");

        // Act
        await detail.GetByTestId("op-flush").ClickAsync();
        await detail.GetByTestId("op-confirm").ClickAsync();

        // Assert
        await Expect(detail.GetByTestId("operator-result")).ToContainTextAsync("queued messages");
        await Expect(tab.GetByTestId("operator-action")).ToContainTextAsync(new Regex(@"mailbox was flushed by an operator \([1-9][\d,]* messages dropped\)"));
        await Expect(tab.GetByTestId("queue-depth")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task CancelCall_Confirmed_ItsCallerGetsCancelledByOperator_AndTheTabSaysWhichCall()
    {
        // Arrange: external work that takes 8 s (20 s timeout), so the call waits
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OpenTabAsync(user);
        await tab.SetSliderAsync("slider-latency", 8000);
        await tab.SetSliderAsync("slider-timeout", 20_000);
        await using var admin = await fixture.NewContextAsync();
        var detail = await OperatorFixture.SignInAsync(admin, $"/actors/{pid}");
        await tab.GetByTestId("btn-request").ClickAsync();
        await Expect(detail.GetByTestId("pending-call-row").Filter(new() { HasText = "manual" })).ToHaveCountAsync(1);

        // Act
        await detail.GetByTestId("pending-call-row").Filter(new() { HasText = "manual" }).GetByTestId("op-cancel-call").ClickAsync();
        await detail.GetByTestId("op-confirm").ClickAsync();

        // Assert
        await Expect(tab.GetByTestId("last-result")).ToContainTextAsync("cancelled by operator");
        await Expect(tab.GetByTestId("operator-action")).ToContainTextAsync(new Regex(@"Call #\d+ was cancelled by an operator"));
        await Expect(detail.GetByTestId("pending-call-row").Filter(new() { HasText = "manual" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Stop_CancelledInTheDialog_LeavesTheActorRunning()
    {
        // Arrange
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OpenTabAsync(user);
        await using var admin = await fixture.NewContextAsync();
        var detail = await OperatorFixture.SignInAsync(admin, $"/actors/{pid}");

        // Act
        await detail.GetByTestId("op-stop").ClickAsync();
        await detail.GetByTestId("op-cancel").ClickAsync();

        // Assert
        await Expect(detail.GetByTestId("op-confirm")).ToHaveCountAsync(0);
        await Expect(detail.GetByTestId("operator-result")).ToHaveCountAsync(0);
        await tab.GetByTestId("btn-request").ClickAsync();
        await Expect(tab.GetByTestId("last-result")).ToContainTextAsync("replied");
        await Expect(tab.GetByTestId("operator-action")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DrillDown_VisitorsCircuitNavigatesThere_IsSentToSignIn_AndTheActorIsUntouched()
    {
        // Arrange: a visitor's own tab (a live circuit without sign-in)
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OpenTabAsync(user);
        await using var visitor = await fixture.NewContextAsync();
        var page = await visitor.OpenInteractiveAsync("/");

        // Act: navigate inside the circuit, as a link would
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", $"/actors/{pid}");

        // Assert
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl="));
        await Expect(page.GetByTestId("op-stop")).ToHaveCountAsync(0);
        await tab.GetByTestId("btn-request").ClickAsync();
        await Expect(tab.GetByTestId("last-result")).ToContainTextAsync("replied");
    }

    [Fact]
    public async Task ActionEndpoint_HandMadePost_IsRefusedWithoutSignIn_AndWithoutAntiforgery_AndDoneWithBoth()
    {
        // Arrange
        await using var user = await fixture.NewContextAsync();
        var (tab, pid) = await OpenTabAsync(user);
        using var visitor = OperatorHttp.CreateClient(fixture.BaseAddress);
        using var operatorClient = OperatorHttp.CreateClient(fixture.BaseAddress);
        using var signIn = await OperatorHttp.PostSignInAsync(operatorClient, OperatorFixture.Password);
        var token = await OperatorHttp.TokenOfAsync(operatorClient);

        // Act + Assert: no sign-in (even with a valid token) → sent to sign-in, nothing done
        using var anonymous = await OperatorHttp.PostActionAsync(visitor, pid, "stop", token);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        // signed in but no antiforgery token → 400, nothing done
        using var forged = await OperatorHttp.PostActionAsync(operatorClient, pid, "stop", token: null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await tab.GetByTestId("btn-request").ClickAsync();
        await Expect(tab.GetByTestId("last-result")).ToContainTextAsync("replied");

        // signed in with the token → done, and the tab says so
        using var done = await OperatorHttp.PostActionAsync(operatorClient, pid, "stop", token);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("\"outcome\":\"Done\"", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Expect(tab.GetByTestId("operator-action")).ToContainTextAsync("stopped by an operator");
    }

    [Fact]
    public async Task ActionEndpoint_BadActionOrPid_SaysWhatIsWrong()
    {
        // Arrange
        using var client = OperatorHttp.CreateClient(fixture.BaseAddress);
        using var signIn = await OperatorHttp.PostSignInAsync(client, OperatorFixture.Password);
        var token = await OperatorHttp.TokenOfAsync(client);

        // Act
        using var badAction = await OperatorHttp.PostActionAsync(client, 1, "explode", token);
        using var noSuchActor = await OperatorHttp.PostActionAsync(client, 999_999, "stop", token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, badAction.StatusCode);
        Assert.Contains("'explode' is not an operator action", await badAction.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noSuchActor.StatusCode);
        Assert.Contains("not alive on this node", await noSuchActor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Opens a user's tab and returns it with its pid number once it shows one.</summary>
    internal static async Task<(IPage Tab, long Pid)> OpenTabAsync(IBrowserContext user)
    {
        var tab = await user.OpenInteractiveAsync("/");
        await Expect(tab.GetByTestId("actor-pid")).ToHaveTextAsync(new Regex(@"^<0\.\d+\.0>$"));
        var text = await tab.GetByTestId("actor-pid").InnerTextAsync();
        return (tab, long.Parse(text[3..^3], CultureInfo.InvariantCulture));
    }
}
