using Dashboard.Cluster;
using Dashboard.Components.Shared;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace Dashboard.Components.Pages.MyActor;

/// <summary>
/// "My actor": this tab's heartbeat actor, live. The page renders on change: it waits on its session's change
/// signal (<see cref="SessionChanges"/>) and renders once for however many changes arrived within
/// <see cref="CoalesceWindow"/>, at most every <see cref="MinRenderInterval"/> — so a flood of messages costs at
/// most 10 render batches a second, and an idle tab none. Time alone moves a few things, which it checks on the
/// same clock: a call in flight (its elapsed time, every <see cref="MotionInterval"/>), an actor still settling
/// (busy → idle, which no event announces), the chart's scrolling minute, heartbeat health, the restart notice.
/// Each panel re-renders only when what it shows moved. While the browser reports the tab
/// hidden the page renders only every <see cref="HiddenRefresh"/>, and at once when shown.
/// </summary>
public sealed partial class MyActorPage
{
    /// <summary>How long the page lets changes gather before it renders them (the steps of one call arrive together).</summary>
    internal static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>The shortest time between two renders: at most 10 a second, whatever floods the actor.</summary>
    internal static readonly TimeSpan MinRenderInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How often elapsed times of calls in flight, the chart's minute and a settling actor are re-read.</summary>
    internal static readonly TimeSpan MotionInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan SettleInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RestartNoticeFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HiddenRefresh = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stop = new();
    private ActorView? _view;
    private ViewKey _key;
    private long _seenVersion = -1;
    private long _renderedAt;
    private long _changedAt;
    private static int s_pages;
    // The id of the element the browser reports its heartbeats and visibility through (OnBrowserSignal).
    private readonly string _signalElementId = "hb" + Interlocked.Increment(ref s_pages).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private bool _caveatsOpen;
    private volatile bool _hidden;
    private TaskCompletionSource _shown = NewShown();
    private readonly Action<ChangeEventArgs> _browserSignal;

    // One delegate for every render (its event handler keeps its id), which does not render the page as its own would.
    public MyActorPage() => _browserSignal = NonRendering.Handler<ChangeEventArgs>(OnBrowserSignal);

    [Inject] private ActorSession Session { get; set; } = null!;

    [Inject] private NodeIdentity Identity { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private IOptions<HeartbeatActorOptions> Options { get; set; } = null!;

    /// <summary>How many times the page rendered (exposed for tests).</summary>
    internal int Renders { get; private set; }

    private string? RestartNotice => RestartNoticeOf(_view!);

    /// <summary>
    /// What the browser's heartbeat (wwwroot/js/heartbeat.js) reports through the page's signal element: a heartbeat
    /// ("beat"), or the tab hidden or shown. Handled without a render: the page renders from its session's changes.
    /// </summary>
    private void OnBrowserSignal(ChangeEventArgs signal)
    {
        switch (signal.Value as string)
        {
            case "beat":
                _ = Session.HeartbeatAsync(_stop.Token); // the browser need not wait for the external work
                break;
            case "hidden":
                _hidden = true;
                Interlocked.Exchange(ref _shown, NewShown());
                break;
            case "shown":
                _hidden = false;
                _shown.TrySetResult();
                Render(force: true);
                break;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync(); // the browser's heartbeat stops with the page's signal element
        _stop.Dispose();
    }

    protected override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive)
        {
            return; // prerendering: the circuit (and with it the actor) does not exist yet
        }

        Session.TryStart(OwnerKind.Tab);
        Take();
        _ = RenderLoopAsync(_stop.Token);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        Renders++;
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        // Whole milliseconds as int: the circuit's JSON options already know int, while a double would cache a type info
        // for each of double's ~30 interfaces in every circuit.
        await JS.InvokeVoidAsync(
            "dashboardHeartbeat.start", _signalElementId, (int)Options.Value.IntervalMin.TotalMilliseconds, (int)Options.Value.IntervalMax.TotalMilliseconds);
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

    private async Task RenderLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_hidden)
                {
                    // Nobody looks: one render every HiddenRefresh, none per change; a "shown" signal renders at once.
                    var remaining = HiddenRefresh - Time.GetElapsedTime(Volatile.Read(ref _renderedAt));
                    if (remaining > TimeSpan.Zero)
                    {
                        await Task.WhenAny(_shown.Task, Task.Delay(remaining, Time, cancellationToken));
                        continue;
                    }

                    await InvokeAsync(() => Render(force: false));
                    Volatile.Write(ref _renderedAt, Time.GetTimestamp()); // looked: the next look is HiddenRefresh away
                    continue;
                }

                if (await Session.Changes.WaitAsync(Volatile.Read(ref _seenVersion), NextTimedCheck(), cancellationToken))
                {
                    var sinceRender = Time.GetElapsedTime(Volatile.Read(ref _renderedAt));
                    var gather = MinRenderInterval - sinceRender > CoalesceWindow ? MinRenderInterval - sinceRender : CoalesceWindow;
                    await Task.Delay(gather, Time, cancellationToken);
                }

                await InvokeAsync(() => Render(force: false));
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

    /// <summary>How long the page may wait without a change before time alone moves something it shows.</summary>
    private TimeSpan NextTimedCheck()
    {
        var key = _key;
        if (key.Settling)
        {
            return SettleInterval;
        }

        if (key.Moving || key.ChartMoving)
        {
            return MotionInterval;
        }

        var next = Timeout.InfiniteTimeSpan;
        if (key.RestartNotice)
        {
            next = RestartNoticeFor - _view!.Between(_view.Tracker.LastRestartAt);
        }

        // Heartbeat health turns late, then stale, as the last heartbeat ages (see ActorSession.Snapshot).
        if (_view?.HeartbeatAge is { } age)
        {
            var max = Options.Value.IntervalMax;
            var threshold = age <= max * 1.5 ? max * 1.5 : age <= max * 3 ? max * 3 : (TimeSpan?)null;
            if (threshold is { } at && (next == Timeout.InfiniteTimeSpan || at - age < next))
            {
                next = at - age;
            }
        }

        return next == Timeout.InfiniteTimeSpan ? next : next + TimeSpan.FromMilliseconds(1);
    }

    /// <summary>Takes a fresh snapshot and renders when anything it shows changed (or when forced).</summary>
    private void Render(bool force)
    {
        if (_stop.IsCancellationRequested)
        {
            return; // the circuit is going: its services may already be disposed
        }

        if (Take() || force)
        {
            StateHasChanged();
        }
    }

    /// <summary>Takes a snapshot; true (and the page's view replaced) when its key differs from the one shown.</summary>
    private bool Take()
    {
        // The first-change stamp and the version are read before the snapshot: a change that races it moves them
        // again and is looked at again. Changes that show nothing new are dropped with their stamp.
        var firstChangeAt = Session.Changes.TakeFirstUnseenAt();
        var calls = Session.Changes.CallsVersion;
        Volatile.Write(ref _seenVersion, calls + Session.Changes.MailboxVersion); // read by the loop off the renderer's thread
        var view = Session.Snapshot();
        var key = ViewKey.Of(view, calls, RestartNoticeOf(view) is not null);
        if (_view is not null && key == _key)
        {
            return false; // e.g. the actor's own sweep went through the mailbox: nothing on screen moved
        }

        (_view, _key) = (view, key);
        _changedAt = firstChangeAt != 0 ? firstChangeAt : _changedAt;
        Volatile.Write(ref _renderedAt, view.Now); // read by the loop off the renderer's thread
        return true;
    }

    private static string? RestartNoticeOf(ActorView view)
    {
        var tracker = view.Tracker;
        return tracker.LastRestartAt != 0 && view.Between(tracker.LastRestartAt) < RestartNoticeFor
            ? $"The actor crashed ({tracker.LastCrash}). Its waiting callers failed at once; it restarted under the same pid {view.Pid}."
            : null;
    }

    private static TaskCompletionSource NewShown() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
