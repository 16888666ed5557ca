using Bunit;
using Dashboard.Components.Actors;
using Dashboard.Components.Pages.ActorDetail;
using Dashboard.Heartbeats;
using Dashboard.Hubs;
using Dashboard.Operations;
using Dashboard.Services;
using TestSupport;
using Unit.Dashboard.Operations;

namespace Unit.Dashboard.Components.Pages.ActorDetail;

public sealed class InspectionPanelsTests : DashboardTestContext
{
    [Fact]
    public async Task PendingCallsTable_TwoWaitingCallers_ListsThemOldestFirst_WithACancelEach()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var pid = Session.Pid!.Value;
        var first = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => Harness.System.GetInfo(pid)!.DeferredCalls == 1, "the first call deferred");
        Harness.Time.Advance(TimeSpan.FromMilliseconds(50));
        var second = Session.RequestAsync(CallOrigin.Burst, TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => Harness.System.GetInfo(pid)!.DeferredCalls == 2, "both calls deferred");

        // Act
        var cut = Render<PendingCallsTable>(parameters => parameters.Add(p => p.Pid, pid));

        // Assert
        var rows = cut.FindAll("[data-testid=pending-call-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("tab · manual", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("tab · burst", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("deferred", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("[data-testid=op-cancel-call]").Count);
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await first).Ok);
        Assert.True((await second).Ok);
    }

    [Fact]
    public async Task PendingCallsTable_CancelConfirmed_ItsCallerGetsCancelledByOperator_AndTheTabIsTold()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var pid = Session.Pid!.Value;
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => Harness.System.GetInfo(pid)!.DeferredCalls == 1, "the call deferred");
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<PendingCallsTable>(parameters => parameters.Add(p => p.Pid, pid));

        // Act
        var clicked = cut.Find("[data-testid=op-cancel-call]").ClickAsync(new()); // completes once the dialog closed
        await dialogs.WaitForElement("[data-testid=op-confirm]").ClickAsync(new());
        await clicked;

        // Assert
        var outcome = await call;
        Assert.Equal(CallOutcomeKind.Cancelled, outcome.Kind);
        Assert.Equal("cancelled by operator", outcome.Text);
        Assert.Equal($"Call #{outcome.CallId} was cancelled by an operator.", Session.LastOperatorAction?.Text);
    }

    [Fact]
    public void ActorStatePanel_HeartbeatActor_DescribesItsRedactedState()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);

        // Act
        var cut = Render<ActorStatePanel>(parameters => parameters.Add(p => p.Pid, Session.Pid!.Value));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=actor-state-item]").Count));
        Assert.Equal(["waiting callers", "incarnation", "sweep timer armed"], cut.FindAll("[data-testid=actor-state-item]").Select(item => item.GetAttribute("data-name")));
        Assert.Contains("1", cut.Find("[data-testid=actor-state-item][data-name=incarnation]").TextContent, StringComparison.Ordinal);
        Assert.Contains("yes", cut.Find("[data-testid=actor-state-item][data-name='sweep timer armed']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ActorStatePanel_Visitor_SeesNothing()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: false);

        // Act
        var cut = Render<ActorStatePanel>(parameters => parameters.Add(p => p.Pid, Session.Pid!.Value));

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=actor-state]"));
    }

    [Fact]
    public void PendingCallsTable_NobodyWaits_SaysSo()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);

        // Act
        var cut = Render<PendingCallsTable>(parameters => parameters.Add(p => p.Pid, Session.Pid!.Value));

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=pending-call-row]"));
        Assert.Contains("No caller waits", cut.Find("[data-testid=pending-calls-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ActorStatePanel_ActorThatDoesNotDescribeItself_ShowsNothingAtAll()
    {
        // Arrange: a gate actor (no IDescribeState)
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var pid = Harness.System.Spawn(new Unit.Dashboard.Overview.GateActor());

        // Act
        var cut = Render<ActorStatePanel>(parameters => parameters.Add(p => p.Pid, pid));

        // Assert
        Assert.Empty(cut.FindAll("[data-testid=actor-state]"));
        Assert.Equal("", cut.Markup.Trim());
    }

    [Fact]
    public async Task TracePanel_Started_ShowsRowsLive_StopsByItselfAtTheTimeBound_AndOffersTheDownload()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var pid = Session.Pid!.Value;
        var cut = Render<TracePanel>(parameters => parameters.Add(p => p.Pid, pid));

        // Act: trace with the defaults (100 messages / 10 s), make one call, then let the clock pass the bound
        await cut.Find("[data-testid=trace-start]").ClickAsync(new());
        var call = Session.RequestAsync(CallOrigin.Manual, TimeSpan.FromSeconds(5));
        await Until.TrueAsync(() => Harness.System.GetInfo(pid)!.DeferredCalls == 1, "the call deferred (its external work started)");
        Harness.Time.Advance(TimeSpan.FromSeconds(1)); // the external work answers: WorkDone is handled too
        Assert.True((await call).Ok);
        // Rows that arrive within the panel's render interval of the last render wait for its next tick, on this clock.
        Harness.Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("[data-testid=trace-row]").Count >= 2, cut.Find("[data-testid=trace-panel]").TextContent));
        Assert.Equal("true", cut.Find("[data-testid=trace-status]").GetAttribute("data-running"));
        Assert.Empty(cut.FindAll("[data-testid=trace-download]"));
        Harness.Time.Advance(TimeSpan.FromSeconds(8));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=trace-status]").GetAttribute("data-running")));
        Assert.Contains("time limit reached (10 s)", cut.Find("[data-testid=trace-status]").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll("[data-testid=trace-row]");
        Assert.Contains(rows, row => row.TextContent.Contains("HeartbeatRequest", StringComparison.Ordinal) && row.TextContent.Contains("deferred (NoReply)", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.TextContent.Contains("WorkDone", StringComparison.Ordinal));
        var download = cut.Find("[data-testid=trace-download]");
        Assert.StartsWith("data:application/json;base64,", download.GetAttribute("href"), StringComparison.Ordinal);
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(download.GetAttribute("href")!["data:application/json;base64,".Length..]));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(pid.ToString(), document.RootElement.GetProperty("pid").GetString());
        Assert.Equal(rows.Count, document.RootElement.GetProperty("messages").GetArrayLength());
    }

    [Theory]
    [InlineData("0", "10", "Messages must be between 1 and 1,000 (was 0).")]
    [InlineData("5000", "10", "Messages must be between 1 and 1,000 (was 5,000).")]
    [InlineData("100", "120", "Seconds must be between 1 and 60 (was 120).")]
    public async Task TracePanel_BoundsOutOfRange_SaysWhy_AndDoesNotStart(string messages, string seconds, string expected)
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var cut = Render<TracePanel>(parameters => parameters.Add(p => p.Pid, Session.Pid!.Value));
        await cut.Find("input[data-testid=trace-messages]").ChangeAsync(new() { Value = messages });
        await cut.Find("input[data-testid=trace-seconds]").ChangeAsync(new() { Value = seconds });

        // Act
        await cut.Find("[data-testid=trace-start]").ClickAsync(new());

        // Assert
        Assert.Equal(expected, cut.Find("[data-testid=trace-error]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=trace-status]"));
    }

    [Fact]
    public void TracePanel_Visitor_IsRefusedByTheServer()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: false);
        var cut = Render<TracePanel>(parameters => parameters.Add(p => p.Pid, Session.Pid!.Value));

        // Act
        cut.Find("[data-testid=trace-start]").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("Only a signed-in operator", cut.Find("[data-testid=trace-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=trace-status]"));
    }

    [Fact]
    public async Task OperatorActionNotice_AfterAnOperatorsStop_TellsTheTab_AndNothingBefore()
    {
        // Arrange
        this.AddOperatorTools(Harness.System, Harness.Directory, admin: true);
        var before = Render<OperatorActionNotice>(parameters => parameters.Add(p => p.View, Session.Snapshot()));
        var operations = Services.GetService(typeof(ActorOperations)) as ActorOperations;

        // Act
        await operations!.RunAsync(new OperatorCommand(OperatorActionKind.Stop, Session.Pid!.Value));
        var after = Render<OperatorActionNotice>(parameters => parameters.Add(p => p.View, Session.Snapshot()));

        // Assert
        Assert.Empty(before.FindAll("[data-testid=operator-action]"));
        var notice = after.Find("[data-testid=operator-action]");
        Assert.Equal("stop", notice.GetAttribute("data-action"));
        Assert.Contains("stopped by an operator", notice.TextContent, StringComparison.Ordinal);
    }
}
