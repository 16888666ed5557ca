using Dashboard.Cluster;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Dashboard.Components.Pages.MyActor;

/// <summary>
/// "My actor": this tab's heartbeat actor, live. The page samples its session at up to 10 Hz and
/// renders only when something changed, so a flood of messages costs the page nothing extra. While the
/// browser reports the tab hidden it renders only every <see cref="HiddenRefresh"/>, and at once when shown.
/// </summary>
public sealed partial class MyActorPage
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan IdleRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HiddenRefresh = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stop = new();
    private ActorView? _view;
    private long _renderedVersion = -1;
    private long _renderedAt;
    private DotNetObjectReference<MyActorPage>? _selfReference;
    private IJSObjectReference? _heartbeat;
    private bool _caveatsOpen;
    private volatile bool _hidden;

    [Inject] private ActorSession Session { get; set; } = null!;

    [Inject] private NodeIdentity Identity { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private IOptions<HeartbeatActorOptions> Options { get; set; } = null!;

    private string? RestartNotice
    {
        get
        {
            var tracker = _view!.Tracker;
            return tracker.LastRestartAt != 0 && _view.Between(tracker.LastRestartAt) < TimeSpan.FromSeconds(10)
                ? $"The actor crashed ({tracker.LastCrash}). Its waiting callers failed at once; it restarted under the same pid {_view.Pid}."
                : null;
        }
    }

    /// <summary>Called by the browser's heartbeat timer (wwwroot/js/heartbeat.js).</summary>
    [JSInvokable]
    public Task Heartbeat()
    {
        _ = Session.HeartbeatAsync(_stop.Token); // the browser need not wait for the external work
        return Task.CompletedTask;
    }

    /// <summary>Called by the browser when the tab is hidden or shown (wwwroot/js/heartbeat.js).</summary>
    [JSInvokable]
    public Task SetHidden(bool hidden)
    {
        _hidden = hidden;
        return hidden || _stop.IsCancellationRequested ? Task.CompletedTask : InvokeAsync(() => Render(force: true));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_heartbeat is not null)
        {
            try
            {
                await _heartbeat.InvokeVoidAsync("stop");
                await _heartbeat.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The tab is gone: its timers went with it.
            }
        }

        _selfReference?.Dispose();
        _stop.Dispose();
    }

    protected override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive)
        {
            return; // prerendering: the circuit (and with it the actor) does not exist yet
        }

        Session.TryStart(OwnerKind.Tab);
        _view = Session.Snapshot();
        _ = RefreshLoopAsync(_stop.Token);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        _selfReference = DotNetObjectReference.Create(this);
        var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/heartbeat.js");
        _heartbeat = await module.InvokeAsync<IJSObjectReference>(
            "start", _selfReference, Options.Value.IntervalMin.TotalMilliseconds, Options.Value.IntervalMax.TotalMilliseconds);
        await module.DisposeAsync();
    }

    private Task RefreshNowAsync()
    {
        Render(force: true);
        return Task.CompletedTask;
    }

    private void ToggleCaveats() => _caveatsOpen = !_caveatsOpen;

    private async Task RestartAsync()
    {
        await Session.RestartAsync();
        Render(force: true);
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var hidden = _hidden;
                if (hidden && Time.GetElapsedTime(Volatile.Read(ref _renderedAt)) < HiddenRefresh)
                {
                    continue; // nobody looks: no dispatch, no snapshot, no render batch
                }

                await InvokeAsync(() => Render(force: hidden));
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

    /// <summary>Takes a fresh snapshot and renders when it changed, when something is in motion, or once a second.</summary>
    private void Render(bool force)
    {
        var view = Session.Snapshot();
        var moving = (view.Info?.QueueDepth ?? 0) > 0 || view.Tracker.Calls.Any(call => !call.IsEnded);
        var stale = view.Between(_renderedAt) >= IdleRefresh;
        if (force || moving || stale || Session.Tracker.Version != _renderedVersion)
        {
            _view = view;
            _renderedVersion = Session.Tracker.Version;
            Volatile.Write(ref _renderedAt, view.Now); // read by the refresh loop off the renderer's thread
            StateHasChanged();
        }
    }
}
