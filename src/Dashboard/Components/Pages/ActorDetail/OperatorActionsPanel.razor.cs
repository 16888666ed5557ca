using ActorRuntime;
using Dashboard.Operations;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.ActorDetail;

/// <summary>
/// The drill-down's operator buttons (<c>op-stop</c>, <c>op-kill</c>, <c>op-restart</c>, <c>op-flush</c>). Each asks
/// for confirmation (<see cref="ConfirmOperatorDialog"/>), then lets <see cref="ActorOperations"/> carry it out — which
/// refuses a non-admin whatever this panel shows — and reports the result through <see cref="OnResult"/>.
/// </summary>
public sealed partial class OperatorActionsPanel
{
    private static readonly ActionButton[] Actions =
    [
        new(OperatorActionKind.Stop, "Stop", "op-stop", Icons.Material.Filled.Stop, Color.Error,
            "Stop {0}? Its waiting callers fail at once and the pid is freed; it does not come back."),
        new(OperatorActionKind.Kill, "Kill", "op-kill", Icons.Material.Filled.Dangerous, Color.Error,
            "Kill {0}? It crashes: its waiting callers fail at once and its restart policy decides whether it comes back."),
        new(OperatorActionKind.Restart, "Restart", "op-restart", Icons.Material.Filled.RestartAlt, Color.Warning,
            "Restart {0}? Its waiting callers fail at once; it starts again under the same pid."),
        new(OperatorActionKind.FlushMailbox, "Flush mailbox", "op-flush", Icons.Material.Filled.DeleteSweep, Color.Warning,
            "Flush the mailbox of {0}? Every queued message is dropped (counted); queued callers fail at once."),
    ];

    /// <summary>The actor acted on. Required.</summary>
    [Parameter, EditorRequired] public Pid Pid { get; set; }

    /// <summary>Raised with the result of each confirmed action.</summary>
    [Parameter] public EventCallback<OperatorResult> OnResult { get; set; }

    [Inject] private ActorOperations Operations { get; set; } = null!;

    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private async Task RunAsync(ActionButton action)
    {
        var result = await ConfirmOperatorDialog.ConfirmAndRunAsync(
            Dialogs, Operations, new OperatorCommand(action.Kind, Pid), string.Format(System.Globalization.CultureInfo.InvariantCulture, action.Question, Pid), action.Label);
        if (result is not null)
        {
            await OnResult.InvokeAsync(result);
        }
    }

    private sealed record ActionButton(OperatorActionKind Kind, string Label, string TestId, string Icon, Color Color, string Question);
}
