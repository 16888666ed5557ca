using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Actors;

/// <summary>The controls of the "My actor" page: calls, bursts, floods, crashes and the external work's behaviour.</summary>
public sealed partial class ControlsPanel
{
    private bool _requesting;
    private int _burstSize = 5;
    private string? _lastResult;
    private string? _error;
    private double _latencyMs;
    private double _timeoutMs;
    private double _failurePercent;
    private double _neverPercent;
    private double _handlerDelayMs;

    /// <summary>The session the controls act on. Required.</summary>
    [Parameter, EditorRequired] public ActorSession Session { get; set; } = null!;

    /// <summary>Whether the controls accept input; false until the tab is interactive and has an actor.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    [Parameter] public bool Enabled { get; set; }

    /// <summary>Raised after any action, so the page refreshes at once.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    protected override void OnInitialized()
    {
        var settings = Session.Worker.Settings;
        _latencyMs = settings.Latency.TotalMilliseconds;
        _failurePercent = Math.Round(settings.FailureRate * 100);
        _neverPercent = Math.Round(settings.NeverAnswersRate * 100);
        _handlerDelayMs = settings.HandlerDelay.TotalMilliseconds;
        _timeoutMs = Session.CallTimeout.TotalMilliseconds;
    }

    private async Task RequestAsync()
    {
        _requesting = true;
        _lastResult = "waiting…";
        await OnChanged.InvokeAsync();
        var outcome = await Session.RequestAsync(CallOrigin.Manual);
        _lastResult = $"#{outcome.CallId} {outcome.Stage.ToString().ToLowerInvariant()}: {outcome.Text}";
        _requesting = false;
        await OnChanged.InvokeAsync();
    }

    private async Task BurstAsync()
    {
        var size = Math.Clamp(_burstSize, 1, ActorSession.MaxBurst);
        _lastResult = $"burst of {size} sent…";
        var burst = Session.BurstAsync(size);
        await OnChanged.InvokeAsync();
        var outcomes = await burst;
        _lastResult = $"burst of {size}: " + string.Join(", ", outcomes.GroupBy(o => o.Stage).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        await OnChanged.InvokeAsync();
    }

    private async Task FloodAsync()
    {
        var outcome = Session.Flood();
        _lastResult = $"flood: {outcome.Accepted:N0} queued, {outcome.Rejected:N0} rejected (mailbox full)";
        await OnChanged.InvokeAsync();
    }

    private async Task CrashAsync()
    {
        Session.Crash();
        _lastResult = "crash requested: waiting callers fail at once, then the actor restarts";
        await OnChanged.InvokeAsync();
    }

    private async Task SwitchModeAsync(bool naive)
    {
        await Session.SwitchModeAsync(naive ? ActorMode.Naive : ActorMode.Correct);
        _lastResult = naive ? "switched to naive mode: new actor, one From slot" : "switched to correct mode: new actor, one From per request";
        await OnChanged.InvokeAsync();
    }

    private void SetLatency(double value) => Apply(() => _latencyMs = value);

    private void SetFailure(double value) => Apply(() => _failurePercent = value);

    private void SetNever(double value) => Apply(() => _neverPercent = value);

    private void SetHandlerDelay(double value) => Apply(() => _handlerDelayMs = value);

    private void SetTimeout(double value)
    {
        _timeoutMs = value;
        Session.CallTimeout = TimeSpan.FromMilliseconds(value);
    }

    private void Apply(Action change)
    {
        change();
        try
        {
            Session.Configure(Session.Worker.Settings with
            {
                Latency = TimeSpan.FromMilliseconds(_latencyMs),
                FailureRate = _failurePercent / 100,
                NeverAnswersRate = _neverPercent / 100,
                HandlerDelay = TimeSpan.FromMilliseconds(_handlerDelayMs),
            });
            _error = null;
        }
        catch (ArgumentException error)
        {
            _error = error.Message; // e.g. failures + never answers above 100 %: shown, nothing applied
        }
    }
}
