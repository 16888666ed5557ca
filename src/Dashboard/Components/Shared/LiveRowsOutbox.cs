using System.Text;
using Microsoft.JSInterop;

namespace Dashboard.Components.Shared;

/// <summary>
/// One circuit's <see cref="LiveRows"/> containers, whose patches go to the browser together: one JS interop call after
/// a render (whichever component's <c>OnAfterRenderAsync</c> comes first), not one per container — each call is a message
/// and its acknowledgement on the circuit, the larger part of what a change costs an idle tab.
/// </summary>
internal sealed class LiveRowsOutbox(IJSRuntime js)
{
    /// <summary>The browser function that applies the patches: container id, then its patch, separated by spaces.</summary>
    /// <remarks>
    /// A space, because JS interop writes the argument as a JSON string: nothing in ids, base64url or spaces needs
    /// escaping there, while one escaped character (a line break) makes the serializer rent a buffer six times the
    /// string's length, which the array pool then keeps (up to 2 MB a buffer).
    /// </remarks>
    internal const string ApplyFunction = "dashboardLiveRows.apply";

    private readonly List<(LiveRows Rows, Action Redraw)> _containers = [];

    /// <summary>Sends <paramref name="rows"/>' patches from now on; <paramref name="redraw"/> shows every row again.</summary>
    internal void Add(LiveRows rows, Action redraw) => _containers.Add((rows, redraw));

    /// <summary>The component left the page.</summary>
    internal void Remove(LiveRows rows) => _containers.RemoveAll(c => ReferenceEquals(c.Rows, rows));

    /// <summary>
    /// Sends every queued patch in one call. When they do not apply, the browser's rows are unknown: each container
    /// redraws and its rows are sent again at once; should that fail too (the circuit is down), they wait for the next
    /// change, which sends them all.
    /// </summary>
    public async Task FlushAsync()
    {
        var redrawn = false;
        while (true)
        {
            var patches = new StringBuilder();
            var sending = new List<(LiveRows Rows, Action Redraw)>();
            foreach (var container in _containers)
            {
                while (container.Rows.TryTakePatch(out var patch))
                {
                    patches.Append(container.Rows.ContainerId).Append(' ').Append(patch).Append(' ');
                    if (!sending.Contains(container))
                    {
                        sending.Add(container);
                    }
                }
            }

            if (sending.Count == 0)
            {
                return;
            }

            try
            {
                await js.InvokeVoidAsync(ApplyFunction, patches.ToString());
            }
            catch (Exception e) when (e is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException)
            {
                sending.ForEach(container => container.Rows.Forget());
                if (redrawn)
                {
                    return;
                }

                redrawn = true;
                sending.ForEach(container => container.Redraw());
            }
        }
    }
}
