using ActorRuntime;
using Dashboard.Cluster;
using Dashboard.Operations;
using Dashboard.Overview;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Pages.ActorDetail;

/// <summary>
/// <c>/actors/{pid}</c> (admin): the "My actor" panels for any actor on the node (without its owner's controls), its call
/// timeline, pending calls and described state, the operator's actions on it and a bounded trace.
/// Operator actions and inspection act on this node's actors only: a remote actor's view has none of them.
/// Accepts <c>&lt;0.5.0&gt;</c> (URL-encoded), <c>0.5.0</c> or a bare <c>5</c>; an unknown pid shows a message.
/// With <c>?node=&lt;name&gt;</c> of another node, the actor is fetched from that node over HTTP (<see cref="PeerActorClient"/>)
/// at every refresh; pids are unique per node only, so the overview's links always name the node.
/// </summary>
public sealed partial class ActorDetailPage
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<BreadcrumbItem> _breadcrumbs = [new("Overview", "overview")];
    private MailboxHistory? _history;
    private Pid? _pid;
    private ActorView? _view;
    private PeerActorResult? _remote;
    private bool _looping;

    /// <summary>The pid from the URL, as typed.</summary>
    [Parameter] public string PidText { get; set; } = "";

    /// <summary>The node the actor lives on (<c>?node=</c>); null or this node's name: this node.</summary>
    [SupplyParameterFromQuery(Name = "node")] public string? Node { get; set; }

    [Inject] private ActorInspector Inspector { get; set; } = null!;

    [Inject] private ClusterOverview Cluster { get; set; } = null!;

    [Inject] private PeerActorClient Peers { get; set; } = null!;

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

    private bool IsRemote => Node is { Length: > 0 } node && node != Cluster.LocalNode;

    private TimeSpan RefreshInterval => IsRemote
        ? TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, Cluster.Local.Options.RefreshInterval.Ticks)) // one HTTP request each
        : Cluster.Local.Options.RefreshInterval;

    protected override async Task OnParametersSetAsync()
    {
        var pid = ParsePid(PidText);
        if (pid != _pid)
        {
            _remote = null;
            _pid = pid;
            _operatorResult = null; // it was about the other actor
            _history = new MailboxHistory(Time);
            _breadcrumbs.RemoveRange(1, _breadcrumbs.Count - 1);
            _breadcrumbs.Add(new BreadcrumbItem((pid?.ToString() ?? PidText) + (IsRemote ? $" on {Node}" : ""), href: null, disabled: true));
        }

        if (IsRemote && !RendererInfo.IsInteractive)
        {
            return; // prerendering: fetch once the circuit is up
        }

        await ReadAsync();
        if (RendererInfo.IsInteractive && !_looping)
        {
            _looping = true;
            _ = RefreshLoopAsync(_stop.Token);
        }
    }

    private OperatorResult? _operatorResult;

    private async Task ShowResultAsync(OperatorResult result)
    {
        _operatorResult = result;
        await ReadAsync();
    }

    private async Task ReadAsync()
    {
        if (_pid is not { } pid)
        {
            (_view, _remote) = (null, null);
        }
        else if (IsRemote)
        {
            _remote = await Peers.FetchAsync(Node!, pid, _stop.Token);
        }
        else
        {
            _view = Inspector.Inspect(pid, _history!);
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(async () =>
                {
                    await ReadAsync();
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
