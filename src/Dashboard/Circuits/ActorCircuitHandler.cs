using Dashboard.Services;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Circuits;

/// <summary>
/// Ends each circuit's — each browser tab's — heartbeat actor when the circuit closes: at once when the tab
/// closes, or after <see cref="DashboardOptions.DisconnectedCircuitRetention"/> when the tab just vanishes.
/// </summary>
/// <remarks>
/// The actor is not spawned here but by the "My actor" page when it first renders interactively
/// (<see cref="ActorSession.TryStart"/>): a tab that only shows <c>/overview</c> or a drill-down — an operator
/// watching the node — gets no actor, so it neither heartbeats nor adds a row to the counts it is watching.
/// </remarks>
internal sealed class ActorCircuitHandler(ActorSession session) : CircuitHandler
{
    /// <summary>Called when the circuit is torn down for good; the actor's waiting callers fail at once.</summary>
    public override async Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        await session.DisposeAsync();
}
