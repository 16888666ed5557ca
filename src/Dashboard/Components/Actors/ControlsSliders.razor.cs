using System.Globalization;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Actors;

/// <summary>
/// The sliders of <see cref="ControlsPanel"/>: they set the external work's behaviour and the call timeout as they
/// move (on <c>input</c>, as a drag goes), and render only when a slider moved, an error appeared or went, or
/// <see cref="Enabled"/> changed — never because the panel around them rendered.
/// </summary>
public sealed partial class ControlsSliders
{
    private static int s_instances;
    private readonly string _idPrefix = $"controls-{Interlocked.Increment(ref s_instances)}";
    private double _latencyMs;
    private double _timeoutMs;
    private double _failurePercent;
    private double _neverPercent;
    private double _handlerDelayMs;
    private string? _error;

    /// <summary>The session the sliders configure. Required.</summary>
    [Parameter, EditorRequired] public ActorSession Session { get; set; } = null!;

    /// <summary>Whether the sliders accept input; false until the tab is interactive and has an actor.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    [Parameter] public bool Enabled { get; set; }

    protected override void OnInitialized()
    {
        var settings = Session.Worker.Settings;
        _latencyMs = settings.Latency.TotalMilliseconds;
        _failurePercent = Math.Round(settings.FailureRate * 100);
        _neverPercent = Math.Round(settings.NeverAnswersRate * 100);
        _handlerDelayMs = settings.HandlerDelay.TotalMilliseconds;
        _timeoutMs = Session.CallTimeout.TotalMilliseconds;
    }

    private void SetLatency(ChangeEventArgs input) => Apply(input, ref _latencyMs);

    private void SetFailure(ChangeEventArgs input) => Apply(input, ref _failurePercent);

    private void SetNever(ChangeEventArgs input) => Apply(input, ref _neverPercent);

    private void SetHandlerDelay(ChangeEventArgs input) => Apply(input, ref _handlerDelayMs);

    private void SetTimeout(ChangeEventArgs input)
    {
        if (Parse(input) is { } value)
        {
            _timeoutMs = value;
            Session.CallTimeout = TimeSpan.FromMilliseconds(value);
        }
    }

    /// <summary>Sets <paramref name="field"/> from the slider and hands the external work its new settings.</summary>
    private void Apply(ChangeEventArgs input, ref double field)
    {
        if (Parse(input) is not { } value)
        {
            return;
        }

        field = value;
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
            _error = error.Message; // a value past the settings' bounds: shown, nothing applied
        }
    }

    /// <summary>A range input's value; null for anything else (a range input sends only numbers within its bounds).</summary>
    private static double? Parse(ChangeEventArgs input) =>
        double.TryParse(Convert.ToString(input.Value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    protected override ShownState Shown() => new(Enabled, _latencyMs, _timeoutMs, _failurePercent, _neverPercent, _handlerDelayMs, _error);

    /// <summary>Everything the sliders show: they render only when it changed.</summary>
    public readonly record struct ShownState(
        bool Enabled, double LatencyMs, double TimeoutMs, double FailurePercent, double NeverPercent, double HandlerDelayMs, string? Error);
}
