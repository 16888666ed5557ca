using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:E2E.Operator", Justification = "The folder's name (tests/E2E/Operator); only C# test code uses it.")]

namespace E2E.Operator;

/// <summary>
/// A server with a known admin password, tabs whose actors go 2 s after their connection drops, floods that
/// take seconds to drain (3,000 queued × 2 ms) and a faster overview refresh.
/// </summary>
public sealed class OperatorFixture() : DashboardFixture(new Dictionary<string, string?>
{
    ["Dashboard:AdminPassword"] = Password,
    ["Dashboard:SignIn:PermitLimit"] = "1000",
    ["Dashboard:DisconnectedCircuitRetention"] = "00:00:02",
    ["Dashboard:Overview:RefreshInterval"] = "00:00:00.250",
    ["Heartbeat:FloodSize"] = "3000",
    ["Heartbeat:FloodMessageCost"] = "00:00:00.002",
})
{
    /// <summary>The admin password of this server.</summary>
    public const string Password = "operator-e2e-pw";

    /// <summary>
    /// Opens <c>/login?returnUrl=…</c> in a new tab of <paramref name="context"/>, signs in with
    /// <paramref name="password"/> (default: this fixture's) and waits until the page it lands on is interactive.
    /// </summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string returnUrl = "/overview", string password = Password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
        await page.WaitForInteractiveAsync();
        return page;
    }

    /// <summary>The live count of <c>overview-actor-count</c> ("12 / 1,048,576" → 12).</summary>
    public static async Task<int> LiveCountAsync(IPage overview) =>
        int.Parse((await overview.GetByTestId("overview-actor-count").InnerTextAsync()).Split(" / ")[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A pattern for <c>overview-actor-count</c> showing <paramref name="live"/> live actors.</summary>
    public static Regex LiveCount(int live) => new($"^{live:N0} / ");
}

/// <summary>The tests that share one <see cref="OperatorFixture"/>.</summary>
[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "An xunit collection definition.")]
public sealed class OperatorCollection : ICollectionFixture<OperatorFixture>
{
    public const string Name = "Operator";
}
