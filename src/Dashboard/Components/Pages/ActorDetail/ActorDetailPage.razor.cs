using ActorRuntime;
using Dashboard.Operations;
using Dashboard.Overview;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.ActorDetail;

/// <summary>
/// <c>/actors/{pid}</c> (admin): the "My actor" panels for any actor on the node (without its owner's controls), its call
/// timeline, pending calls and described state, the operator's actions on it and a bounded trace.
/// Accepts <c>&lt;0.5.0&gt;</c> (URL-encoded), <c>0.5.0</c> or a bare <c>5</c>; an unknown pid shows a message.
/// </summary>
public sealed partial class ActorDetailPage
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<BreadcrumbItem> _breadcrumbs = [new("Overview", "overview")];
    private MailboxHistory? _history;
    private Pid? _pid;
    private ActorView? _view;
    private bool _looping;

    /// <summary>The pid from the URL, as typed.</summary>
    [Parameter] public string PidText { get; set; } = "";

    [Inject] private ActorInspector Inspector { get; set; } = null!;

    [Inject] private OverviewService Overview { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    /// <summary>Parses <paramref name="text"/> as a pid, URL-decoding it first when needed.</summary>
    internal static Pid? ParsePid(string? text) =>
        Pid.TryParse(text is null ? null : Uri.UnescapeDataString(text), null, out var pid) ? pid : null;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    protected override void OnParametersSet()
    {
        var pid = ParsePid(PidText);
        if (pid != _pid)
        {
            _pid = pid;
            _operatorResult = null; // it was about the other actor
            _history = new MailboxHistory(Time);
            _breadcrumbs.RemoveRange(1, _breadcrumbs.Count - 1);
            _breadcrumbs.Add(new BreadcrumbItem(pid?.ToString() ?? PidText, href: null, disabled: true));
        }

        Read();
        if (RendererInfo.IsInteractive && !_looping)
        {
            _looping = true;
            _ = RefreshLoopAsync(_stop.Token);
        }
    }

    private OperatorResult? _operatorResult;

    private void ShowResult(OperatorResult result)
    {
        _operatorResult = result;
        Read();
    }

    private void Read() => _view = _pid is { } pid ? Inspector.Inspect(pid, _history!) : null;

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Overview.Options.RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    Read();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception error)
        {
            await DispatchExceptionAsync(error);
        }
    }
}
