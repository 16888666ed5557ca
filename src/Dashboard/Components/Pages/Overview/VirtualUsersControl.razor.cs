using Dashboard.VirtualUsers;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.Overview;

/// <summary>
/// Operator control for <see cref="VirtualUserService"/>: a number field, start / stop-all buttons and the
/// running count, re-rendered whenever the service reports a change (from any tab).
/// </summary>
public sealed partial class VirtualUsersControl
{
    private bool _busy;
    private string? _notice;
    private int _count;

    [Inject] private VirtualUserService Users { get; set; } = null!;

    /// <summary>How many users the Start button adds until the operator changes the number.</summary>
    /// <value>Defaults to 10.</value>
    [Parameter]
    public int InitialCount { get; set; } = 10;

    /// <inheritdoc/>
    public void Dispose() => Users.Changed -= OnChanged;

    protected override void OnInitialized()
    {
        _count = InitialCount;
        Users.Changed += OnChanged;
    }

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    private async Task StartAsync()
    {
        _busy = true;
        try
        {
            var result = await Users.StartAsync(Math.Clamp(_count, 1, Math.Max(1, Users.Max)));
            _notice = result.Reason is null
                ? $"Started {result.Started}."
                : $"Started {result.Started}: {result.Reason}.";
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task StopAsync()
    {
        _busy = true;
        try
        {
            var stopped = await Users.StopAsync();
            _notice = $"Stopped {stopped}.";
        }
        finally
        {
            _busy = false;
        }
    }
}
