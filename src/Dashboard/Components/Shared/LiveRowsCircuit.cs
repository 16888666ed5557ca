namespace Dashboard.Components.Shared;

/// <summary>
/// Makes a circuit's <see cref="LiveRows"/> containers and hears of every patch a render carries (tests record them,
/// since bUnit runs no JavaScript: see the unit tests' <c>RecordedLiveRows</c>).
/// </summary>
/// <remarks>
/// Patches travel in render batches (see <see cref="LiveRowsContainer"/>) and the browser's word back as a DOM event:
/// no JS interop call and no object reference, each of which would cache JSON metadata in every circuit.
/// </remarks>
internal class LiveRowsCircuit
{
    /// <summary>
    /// A container, a <paramref name="element"/> with id <paramref name="containerId"/> and class
    /// <paramref name="cssClass"/>; <paramref name="redraw"/> shows every row again and renders the component (when
    /// the browser lost its rows).
    /// </summary>
    public LiveRows Open(string containerId, string element, string? cssClass, Action redraw) => new(containerId, element, cssClass, redraw, this);

    /// <summary>A render carried <paramref name="patch"/> of <paramref name="rows"/> to the browser.</summary>
    internal virtual void OnPatchRendered(LiveRows rows, string patch)
    {
    }
}
