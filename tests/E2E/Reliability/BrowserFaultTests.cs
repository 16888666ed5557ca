using ActorRuntime;
using E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using TestSupport;

namespace E2E.Reliability;

/// <summary>A server that forgets a vanished tab after 3 s instead of 3 min, with no background heartbeats.</summary>
public sealed class ShortRetentionFixture() : DashboardFixture(Settings.QuietHeartbeat(new Dictionary<string, string?>
{
    ["Dashboard:DisconnectedCircuitRetention"] = "00:00:03",
}));

[CollectionDefinition(Name)]
public sealed class ShortRetentionCollection : ICollectionFixture<ShortRetentionFixture>
{
    public const string Name = "ShortRetention";
}

[Collection(ShortRetentionCollection.Name)]
public sealed class BrowserFaultTests(ShortRetentionFixture fixture)
{
    [Fact]
    public async Task TabVanishesOfflineMidCall_AfterTheRetentionPeriod_TheCallEndsAndTheActorIsGone()
    {
        var system = fixture.Server.Services.GetRequiredService<ActorSystem>();
        await using var context = await fixture.NewContextAsync();
        var (page, connection) = await CircuitConnection.OpenRoutedAsync(context);
        var pid = Pid.Parse(await page.GetByTestId("actor-pid").InnerTextAsync());
        await page.SetSliderAsync("slider-latency", 10_000);
        await page.SetSliderAsync("slider-timeout", 30_000);
        await page.GetByTestId("btn-request").ClickAsync();
        await Expect(page.GetByTestId("pending-calls")).ToHaveTextAsync("1");

        // The network drops, then the tab disappears without a word (no unload beacon can get through).
        await connection.GoOfflineAsync();
        await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false });

        // Well before the call's 30 s timeout: after the 3 s retention the circuit is dropped and its actor
        // with it, so the waiting call ends (actor exited) instead of hanging.
        Assert.True(system.IsAlive(pid), "the actor must outlive a dropped connection for the retention period");
        await Until.TrueAsync(() => !system.IsAlive(pid), "the vanished tab's actor to stop", TimeSpan.FromSeconds(20));
        Assert.Empty(system.GetDeferredCalls(pid));

        await connection.GoOnlineAsync();
        var again = await context.OpenInteractiveAsync("/");
        await Expect(again.GetByTestId("actor-pid")).Not.ToHaveTextAsync(pid.ToString());
        await Expect(again.GetByTestId("count-calls")).ToHaveTextAsync("0");
    }
}

/// <summary>A server that keeps a dropped tab's circuit for a minute, so a reconnect has time to find it.</summary>
public sealed class LongRetentionFixture() : DashboardFixture(Settings.QuietHeartbeat(new Dictionary<string, string?>
{
    ["Dashboard:DisconnectedCircuitRetention"] = "00:01:00",
}));

[CollectionDefinition(Name)]
public sealed class LongRetentionCollection : ICollectionFixture<LongRetentionFixture>
{
    public const string Name = "LongRetention";
}

[Collection(LongRetentionCollection.Name)]
public sealed class BrowserReconnectTests(LongRetentionFixture fixture)
{
    [Fact]
    public async Task Offline_BriefDropMidCall_ReconnectsToTheSameActorAndShowsTheOutcome()
    {
        var system = fixture.Server.Services.GetRequiredService<ActorSystem>();
        await using var context = await fixture.NewContextAsync();
        var (page, connection) = await CircuitConnection.OpenRoutedAsync(context);
        var pid = await page.GetByTestId("actor-pid").InnerTextAsync();
        await page.SetSliderAsync("slider-latency", 4000); // the waiting call stays visible however slowly a loaded machine renders
        await page.GetByTestId("btn-request").ClickAsync();
        await Expect(page.GetByTestId("pending-calls")).ToHaveTextAsync("1");

        await connection.GoOfflineAsync();
        await Until.TrueAsync(() => system.GetDeferredCalls(Pid.Parse(pid)).Count == 0, "the call to finish on the server while the tab is offline");
        await connection.GoOnlineAsync();

        // The call went on on the server while the tab was away; the circuit (and its actor) survived.
        await Expect(page.GetByTestId("last-result")).ToContainTextAsync("replied");
        await Expect(page.GetByTestId("actor-pid")).ToHaveTextAsync(pid);
        await Expect(page.GetByTestId("pending-calls")).ToHaveTextAsync("0");
    }
}
