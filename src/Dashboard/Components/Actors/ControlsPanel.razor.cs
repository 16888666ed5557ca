using System.Globalization;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Actors;

/// <summary>
/// The controls of the "My actor" page: calls, bursts, floods, crashes and the naive-mode switch; the sliders for
/// the external work's behaviour are <see cref="ControlsSliders"/>.
/// </summary>
/// <remarks>
/// The panel renders only when what it shows changed (<see cref="RendersOnChange{TShown}"/> compares a snapshot of it): a page
/// render that passes the same parameters costs no diff, and an action renders once per state it shows — a click on
/// Crash once, a Request twice ("Waiting…", then its result).
/// </remarks>
public sealed partial class ControlsPanel
{
    private static readonly string RequestClass = PlainMud.Button(Variant.Filled, Color.Primary);
    private static readonly string BurstClass = PlainMud.Button(Variant.Outlined, Color.Primary);
    private static readonly string FloodClass = PlainMud.Button(Variant.Outlined, Color.Warning);
    private static readonly string CrashClass = PlainMud.Button(Variant.Outlined, Color.Error);
    private static readonly string SpinClass = PlainMud.Button(Variant.Text, Color.Default);
    private static int s_instances;
    private readonly string _burstSizeId = $"burst-size-{Interlocked.Increment(ref s_instances)}";
    private readonly MarkupString _burstSizeLabel;
    private bool _requesting;
    private bool? _switchingTo;
    private int _burstSize = 5;
    private int _corrections;
    private string? _lastResult;

    public ControlsPanel() =>
        _burstSizeLabel = new(
            "<label class=\"mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense mud-input-label-inputcontrol\" " +
            $"for=\"{_burstSizeId}\">N</label>"); // constant for the panel's life: one markup frame, not an element, two attributes and a text

    /// <summary>The session the controls act on. Required.</summary>
    [Parameter, EditorRequired] public ActorSession Session { get; set; } = null!;

    /// <summary>Whether the controls accept input; false until the tab is interactive and has an actor.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    [Parameter] public bool Enabled { get; set; }

    /// <summary>Raised after any action, so the page refreshes at once.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    /// <summary>How many times the panel itself rendered, its sliders not counted (exposed for tests).</summary>
    internal int Renders { get; private set; }

    /// <summary>Whether the switch shows naive mode: the mode asked for while a switch runs, else the session's.</summary>
    private bool Naive => _switchingTo ?? Session.Mode == ActorMode.Naive;

    private string BurstInputClass => Enabled
        ? "mud-input mud-input-outlined mud-input-outlined-with-label mud-input-margin-dense mud-shrink mud-typography-subtitle1 mud-input-sizing-fixed"
        : "mud-input mud-input-outlined mud-input-outlined-with-label mud-input-margin-dense mud-shrink mud-disabled mud-typography-subtitle1 mud-input-sizing-fixed";

    private string SwitchBaseClass => (Enabled, Naive) switch
    {
        (false, true) => "mud-button-root mud-icon-button mud-switch-base mud-switch-disabled mud-checked mud-switch-base-medium",
        (false, false) => "mud-button-root mud-icon-button mud-switch-base mud-switch-disabled mud-switch-base-medium",
        (true, true) => "mud-button-root mud-icon-button mud-switch-base mud-ripple mud-ripple-switch mud-warning-text hover:mud-warning-hover mud-checked mud-switch-base-medium",
        (true, false) => "mud-button-root mud-icon-button mud-switch-base mud-ripple mud-ripple-switch mud-default-text hover:mud-default-hover mud-switch-base-medium",
    };

    protected override void OnAfterRender(bool firstRender) => Renders++;

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
        var size = _burstSize; // kept within 1..MaxBurst by SetBurstSize
        _lastResult = $"burst of {size} sent…";
        var burst = Session.BurstAsync(size);
        await OnChanged.InvokeAsync();
        var outcomes = await burst;
        _lastResult = $"burst of {size}: " + string.Join(", ", outcomes.GroupBy(o => o.Stage).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        await OnChanged.InvokeAsync();
    }

    private Task Flood()
    {
        var outcome = Session.Flood();
        _lastResult = $"flood: {outcome.Accepted:N0} queued, {outcome.Rejected:N0} rejected (mailbox full)";
        return OnChanged.InvokeAsync();
    }

    private Task Crash()
    {
        Session.Crash();
        _lastResult = "crash requested: waiting callers fail at once, then the actor restarts";
        return OnChanged.InvokeAsync();
    }

    private async Task SwitchModeAsync(ChangeEventArgs change)
    {
        var naive = change.Value is true;
        _switchingTo = naive;
        try
        {
            await Session.SwitchModeAsync(naive ? ActorMode.Naive : ActorMode.Correct);
        }
        finally
        {
            _switchingTo = null;
        }

        _lastResult = naive ? "switched to naive mode: new actor, one From slot" : "switched to correct mode: new actor, one From per request";
        await OnChanged.InvokeAsync();
    }

    /// <summary>
    /// Takes the number the field holds, clamped to 1..<see cref="ActorSession.MaxBurst"/>; anything else (an empty
    /// field, text) leaves the size as it was. Either way the field then shows the size in use.
    /// </summary>
    private void SetBurstSize(ChangeEventArgs change)
    {
        var text = Convert.ToString(change.Value, CultureInfo.InvariantCulture);
        var size = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var typed) && double.IsFinite(typed)
            ? (int)Math.Clamp(Math.Round(typed), 1, ActorSession.MaxBurst)
            : _burstSize;
        if (size.ToString(CultureInfo.InvariantCulture) != text)
        {
            _corrections++; // the field shows what was typed: render even if the size stays, so it shows the size
        }

        _burstSize = size;
    }

    private void IncrementBurstSize() => _burstSize = Math.Min(_burstSize + 1, ActorSession.MaxBurst);

    private void DecrementBurstSize() => _burstSize = Math.Max(_burstSize - 1, 1);

    protected override ShownState Shown() => new(Enabled, _requesting, Naive, _burstSize, _corrections, _lastResult);

    /// <summary>Everything the panel shows (besides its sliders): it renders only when this changed.</summary>
    public readonly record struct ShownState(bool Enabled, bool Requesting, bool Naive, int BurstSize, int Corrections, string? LastResult);
}
