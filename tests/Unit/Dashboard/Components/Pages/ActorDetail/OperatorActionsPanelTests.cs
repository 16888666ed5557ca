using Bunit;
using Dashboard.Components.Pages.ActorDetail;
using Dashboard.Operations;
using MudBlazor;
using Unit.Dashboard.Operations;
using Unit.Dashboard.Overview;

namespace Unit.Dashboard.Components.Pages.ActorDetail;

public sealed class OperatorActionsPanelTests : DashboardTestContext
{
    private static readonly string[] ActionButtons = ["op-stop", "op-kill", "op-restart", "op-flush"];
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
    public async Task Restart_Confirmed_RestartsTheActorUnderTheSamePid_AndTellsItsSession()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var pid = Session.Pid!.Value;
        var (dialogs, cut) = RenderPanel();

        // Act
        var clicked = cut.Find("[data-testid=op-restart]").ClickAsync(new()); // completes once the dialog closed
        await dialogs.WaitForElement("[data-testid=op-confirm]").ClickAsync(new());
        await clicked;

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(OperatorOutcome.Done, Assert.Single(_results).Outcome));
        Assert.Equal(1, Harness.System.GetInfo(pid)!.Restarts);
        Assert.Equal(pid, Session.Pid);
        Assert.Equal(OperatorActionKind.Restart, Session.LastOperatorAction?.Kind);
    }

    [Fact]
    public async Task Flush_Confirmed_DropsWhatIsQueued_AndCountsIt()
    {
        // Arrange: a gate actor busy in a callback with three messages queued behind it
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var gate = new GateActor();
        var pid = Harness.System.Spawn(gate);
        Harness.System.Send(pid, gate.Gate);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        for (var i = 0; i < 3; i++)
        {
            Harness.System.Send(pid, i);
        }

        var dialogs = Render<MudDialogProvider>();
        var cut = Render<OperatorActionsPanel>(parameters => parameters.Add(p => p.Pid, pid).Add(p => p.OnResult, result => _results.Add(result)));

        // Act: the flush runs between two messages, so once the gate opens
        var clicked = cut.Find("[data-testid=op-flush]").ClickAsync(new());
        await dialogs.WaitForElement("[data-testid=op-confirm]").ClickAsync(new());
        gate.Open();
        await clicked;

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(3, Assert.Single(_results).Count));
        Assert.Equal(0, Harness.System.GetInfo(pid)!.QueueDepth);
        Assert.Equal(3, Harness.System.GetInfo(pid)!.MessagesFlushed);
    }

    [Fact]
    public async Task Render_ActorGone_DisablesEveryAction()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var pid = Session.Pid!.Value;
        await Harness.System.StopAsync(pid);

        // Act
        var (_, cut) = RenderPanel();

        // Assert
        Assert.All(ActionButtons, id => Assert.True(cut.Find($"[data-testid={id}]").HasAttribute("disabled")));
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
