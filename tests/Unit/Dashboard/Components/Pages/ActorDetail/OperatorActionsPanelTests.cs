using Bunit;
using Dashboard.Components.Pages.ActorDetail;
using Dashboard.Operations;
using MudBlazor;
using Unit.Dashboard.Operations;

namespace Unit.Dashboard.Components.Pages.ActorDetail;

public sealed class OperatorActionsPanelTests : DashboardTestContext
{
    private readonly List<OperatorResult> _results = [];

    [Fact]
    public async Task Stop_Confirmed_StopsTheActor_AndReportsIt()
    {
        // Arrange
        var log = this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var pid = Session.Pid!.Value;
        var (dialogs, cut) = RenderPanel();

        // Act
        var clicked = cut.Find("[data-testid=op-stop]").ClickAsync(new()); // completes once the dialog closed
        await dialogs.WaitForElement("[data-testid=op-confirm]").ClickAsync(new());
        await clicked;

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(OperatorOutcome.Done, Assert.Single(_results).Outcome));
        Assert.False(Harness.System.IsAlive(pid));
        Assert.Contains(log.Entries, entry => entry.EventId == 1301);
    }

    [Fact]
    public async Task Stop_CancelledInTheDialog_DoesNothing()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var pid = Session.Pid!.Value;
        var (dialogs, cut) = RenderPanel();

        // Act
        var clicked = cut.Find("[data-testid=op-stop]").ClickAsync(new()); // completes once the dialog closed
        await dialogs.WaitForElement("[data-testid=op-cancel]").ClickAsync(new());
        await clicked;

        // Assert
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=op-confirm]")));
        Assert.Empty(_results);
        Assert.True(Harness.System.IsAlive(pid));
    }

    [Theory]
    [InlineData("op-stop")]
    [InlineData("op-kill")]
    public async Task Action_ConfirmedByAVisitor_IsRefusedByTheServer_AndTheActorRunsOn(string button)
    {
        // Arrange: the buttons are there (say a page forgot to hide them); the service still refuses
        var log = this.AddOperatorTools(Harness.System, Harness.Directory, admin: false);
        var pid = Session.Pid!.Value;
        var (dialogs, cut) = RenderPanel();

        // Act
        var clicked = cut.Find($"[data-testid={button}]").ClickAsync(new()); // completes once the dialog closed
        await dialogs.WaitForElement("[data-testid=op-confirm]").ClickAsync(new());
        await clicked;

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(OperatorOutcome.Refused, Assert.Single(_results).Outcome));
        Assert.True(Harness.System.IsAlive(pid));
        Assert.Equal(0, Harness.System.GetInfo(pid)!.Crashes);
        Assert.Equal(1302, Assert.Single(log.Entries).EventId);
    }

    [Fact]
    public void Render_ActionsThisRuntimeLacks_AreDisabled_StopAndKillAreNot()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);

        // Act
        var (_, cut) = RenderPanel();

        // Assert
        Assert.False(cut.Find("[data-testid=op-stop]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid=op-kill]").HasAttribute("disabled"));
        Assert.Equal(
            !ActorOperations.RuntimeSupports(OperatorActionKind.Restart),
            cut.Find("[data-testid=op-restart]").HasAttribute("disabled"));
        Assert.Equal(
            !ActorOperations.RuntimeSupports(OperatorActionKind.FlushMailbox),
            cut.Find("[data-testid=op-flush]").HasAttribute("disabled"));
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<OperatorActionsPanel> Panel) RenderPanel()
    {
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<OperatorActionsPanel>(parameters => parameters
            .Add(p => p.Pid, Session.Pid!.Value)
            .Add(p => p.OnResult, result => _results.Add(result)));
        return (dialogs, panel);
    }
}
