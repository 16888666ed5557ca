using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Actors;

/// <summary>
/// A component that renders only when what it shows changed since its last render, whether a parent re-rendered or one
/// of its own events ran: each render compares <see cref="Shown"/> with the value it rendered last. A component that
/// computes what it draws (a layout, a chart) does it in <see cref="OnShownChanged"/>, which runs only when that moved.
/// </summary>
/// <typeparam name="TShown">Everything the component shows, as a value that compares equal when nothing visible changed.</typeparam>
public abstract class RendersOnChange<TShown> : ComponentBase
    where TShown : struct, IEquatable<TShown>
{
    private TShown? _rendered;
    private TShown? _prepared;

    /// <summary>What the component shows now; called before every render it might do.</summary>
    protected abstract TShown Shown();

    /// <summary>
    /// Called when new parameters show something else than what was last prepared (and before the first render): the
    /// place to compute what the render draws, so that a parent's render that moved nothing here costs no work.
    /// </summary>
    protected virtual void OnShownChanged()
    {
    }

    /// <summary>Runs <see cref="OnShownChanged"/> now, for a change of the component's own state (an event it handled).</summary>
    protected void Prepare()
    {
        _prepared = Shown();
        OnShownChanged();
    }

    /// <summary>
    /// Runs <see cref="OnShownChanged"/> and renders even though nothing shown moved: what the browser shows was lost (see
    /// <see cref="Shared.LiveRows"/>).
    /// </summary>
    protected void Redraw()
    {
        Prepare();
        _rendered = null;
        StateHasChanged();
    }

    /// <inheritdoc/>
    protected override void OnParametersSet()
    {
        var now = Shown();
        if (_prepared is not { } prepared || !prepared.Equals(now))
        {
            _prepared = now;
            OnShownChanged();
        }

        _rendered ??= now; // the first render always happens and shows this
    }

    /// <inheritdoc/>
    protected override bool ShouldRender()
    {
        var now = Shown();
        if (_rendered is { } rendered && rendered.Equals(now))
        {
            return false;
        }

        _rendered = now;
        return true;
    }
}
