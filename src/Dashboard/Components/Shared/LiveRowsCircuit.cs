using Microsoft.JSInterop;

namespace Dashboard.Components.Shared;

/// <summary>
/// One circuit's <see cref="LiveRows"/> containers: opens them, gives the browser a way back to them (once per circuit)
/// and sends a container's rows again when the browser says a patch did not apply — its rows are then unknown.
/// </summary>
/// <remarks>Patches travel in render batches (see <see cref="LiveRows"/>); this class carries none.</remarks>
internal class LiveRowsCircuit(IJSRuntime js) : IDisposable
{
    /// <summary>The browser function that learns where to ask for a container's rows again.</summary>
    internal const string ConnectFunction = "dashboardLiveRows.connect";

    private readonly Dictionary<string, (LiveRows Rows, Action Redraw)> _containers = new(StringComparer.Ordinal);
    private DotNetObjectReference<LiveRowsCircuit>? _self;
    private bool _connected;
    private bool _connecting;

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
    /// Tells the browser where to ask for rows again, once per circuit (after a render: the script runs by then). A failed
    /// attempt is tried again after the next render. Runs on the renderer's thread, as renders do.
    /// </summary>
    public async Task ConnectAsync()
    {
        if (_connected || _connecting)
        {
            return;
        }

        _connecting = true;
        _self ??= DotNetObjectReference.Create(this);
        try
        {
            await js.InvokeVoidAsync(ConnectFunction, _self);
            _connected = true;
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException)
        {
            // the circuit dropped (or is prerendering) before the script knew it: the next render tries again
        }
        finally
        {
            _connecting = false;
        }
    }

    /// <summary>The browser could not apply a patch of <paramref name="containerId"/>: its next patch sends every row.</summary>
    [JSInvokable]
    public void Resend(string containerId)
    {
        if (_containers.TryGetValue(containerId, out var container))
        {
            container.Rows.Forget();
            container.Redraw();
        }
    }

    public void Dispose() => _self?.Dispose();

    /// <summary>A render carried <paramref name="patch"/> of <paramref name="rows"/> to the browser.</summary>
    internal virtual void OnPatchRendered(LiveRows rows, string patch)
    {
    }
}
