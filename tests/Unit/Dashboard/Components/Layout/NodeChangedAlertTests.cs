using Bunit;
using Dashboard.Cluster;
using Dashboard.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Unit.Dashboard.Components.Layout;

public sealed class NodeChangedAlertTests : DashboardTestContext
{
    public NodeChangedAlertTests()
    {
        Services.AddSingleton(new NodeIdentity("node-a", "http://node-a.test", DateTimeOffset.UnixEpoch));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Render_ReloadedFromAnotherNode_SaysSoAndForgetsTheOldNode()
    {
        // Arrange: the reconnect script stored node-b before reloading.
        JSInterop.Setup<string?>("sessionStorage.getItem", NodeChangedAlert.PreviousNodeKey).SetResult("node-b");
        var removed = JSInterop.SetupVoid("sessionStorage.removeItem", NodeChangedAlert.PreviousNodeKey);
        removed.SetVoidResult();

        // Act
        var cut = Render<NodeChangedAlert>();

        // Assert
        cut.WaitForAssertion(() => Assert.Contains(
            "Your previous server went away; this tab has a new actor on node-a",
            cut.Find("[data-testid=node-changed]").TextContent,
            StringComparison.Ordinal));
        Assert.Single(removed.Invocations);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("node-a")]
    public void Render_NoOtherNode_ShowsNothing(string? previous)
    {
        // Arrange
        JSInterop.Setup<string?>("sessionStorage.getItem", NodeChangedAlert.PreviousNodeKey).SetResult(previous);

        // Act
        var cut = Render<NodeChangedAlert>();

        // Assert
        cut.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, invocation => invocation.Identifier == "sessionStorage.getItem"));
        Assert.Empty(cut.FindAll("[data-testid=node-changed]"));
    }
}
