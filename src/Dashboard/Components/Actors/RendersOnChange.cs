using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Actors;

/// <summary>
/// A component that renders only when what it shows changed since its last render, whether a parent re-rendered or one
/// of its own events ran: each render compares <see cref="Shown"/> with the value it rendered last.
/// </summary>
/// <typeparam name="TShown">Everything the component shows, as a value that compares equal when nothing visible changed.</typeparam>
public abstract class RendersOnChange<TShown> : ComponentBase
    where TShown : struct, IEquatable<TShown>
{
    private TShown? _rendered;

    /// <summary>What the component shows now; called before every render it might do.</summary>
    protected abstract TShown Shown();

    /// <inheritdoc/>
    protected override void OnParametersSet() => _rendered ??= Shown(); // the first render always happens and shows this

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
