namespace Dashboard.Components.Shared;

/// <summary>
/// One circuit's <see cref="LiveRows"/> containers: opens them and sends a container's rows again when the browser says
/// a patch did not apply — its rows are then unknown.
/// </summary>
/// <remarks>
/// Patches travel in render batches (see <see cref="LiveRowsContainer"/>) and the browser's word back as a DOM event:
/// no JS interop call and no object reference, each of which would cache JSON metadata in every circuit.
/// </remarks>
internal class LiveRowsCircuit
{
    private readonly Dictionary<string, (LiveRows Rows, Action Redraw)> _containers = new(StringComparer.Ordinal);

    /// <summary>
    /// A container with id <paramref name="containerId"/>; <paramref name="redraw"/> shows every row again and renders
    /// the component (its rows are unknown to the browser).
    /// </summary>
    public LiveRows Open(string containerId, Action redraw)
    {
        var rows = new LiveRows(containerId, this);
        _containers[containerId] = (rows, redraw);
        return rows;
    }

    /// <summary>The component left the page.</summary>
    public void Close(LiveRows rows) => _containers.Remove(rows.ContainerId);

    /// <summary>
    /// The browser could not apply a patch of <paramref name="containerId"/> (its container said so with a <c>change</c>
    /// event, see <see cref="LiveRowsContainer"/>): its next patch sends every row.
    /// </summary>
    public void Resend(string containerId)
    {
        if (_containers.TryGetValue(containerId, out var container))
        {
            container.Rows.Forget();
            container.Redraw();
        }
    }

    /// <summary>A render carried <paramref name="patch"/> of <paramref name="rows"/> to the browser.</summary>
    internal virtual void OnPatchRendered(LiveRows rows, string patch)
    {
    }
}
