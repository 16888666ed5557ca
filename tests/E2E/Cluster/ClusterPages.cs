using System.Text.RegularExpressions;
using E2E.Infrastructure;
using E2E.Operator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace E2E.Cluster;

/// <summary>What the cluster tests read from a tab and from an overview.</summary>
public static partial class ClusterPages
{
    /// <summary>Opens "My actor" in a new tab of <paramref name="context"/>; returns it once it shows its pid and its node.</summary>
    public static async Task<IPage> OpenTabAsync(IBrowserContext context)
    {
        var page = await context.OpenInteractiveAsync("/");
        await Expect(page.GetByTestId("actor-pid")).ToHaveTextAsync(PidText());
        await Expect(page.GetByTestId("actor-node")).ToHaveTextAsync(NodeText());
        return page;
    }

    /// <summary>The node a tab's actor lives on (<c>actor-node</c>).</summary>
    public static async Task<string> NodeOfAsync(IPage tab) => (await tab.GetByTestId("actor-node").InnerTextAsync()).Trim();

    /// <summary>The tab's pid as shown (<c>actor-pid</c>).</summary>
    public static async Task<string> PidOfAsync(IPage tab) => (await tab.GetByTestId("actor-pid").InnerTextAsync()).Trim();

    /// <summary>Signs in on the node <paramref name="context"/> points at and opens its <c>/overview</c>.</summary>
    public static Task<IPage> SignInAsync(IBrowserContext context) =>
        OperatorFixture.SignInAsync(context, "/overview", ClusterFixture.Password);

    /// <summary>The overview rows of the actors on <paramref name="node"/>.</summary>
    public static ILocator RowsOf(IPage overview, string node) =>
        overview.Locator($"[data-testid='overview-row'][data-node='{node}']");

    /// <summary>The overview row of the actor <paramref name="pid"/> on <paramref name="node"/>.</summary>
    public static ILocator RowOf(IPage overview, string node, string pid) =>
        RowsOf(overview, node).Filter(new() { Has = overview.GetByTestId("overview-pid").GetByText(pid, new() { Exact = true }) });

    /// <summary>The per-node panel's entry for <paramref name="node"/>.</summary>
    public static ILocator NodePanelEntry(IPage overview, string node) =>
        overview.Locator($"[data-testid='cluster-nodes'] [data-testid='cluster-node'][data-node='{node}']");

    [GeneratedRegex(@"^<\S+>$")]
    private static partial Regex PidText();

    [GeneratedRegex(@"^node-[a-z]$")]
    private static partial Regex NodeText();
}
