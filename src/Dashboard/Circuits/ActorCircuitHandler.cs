using Dashboard.Services;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Circuits;

/// <summary>
/// Gives each circuit — each browser tab — its own heartbeat actor, and stops it when the circuit
/// closes: at once when the tab closes, or after <see cref="DashboardOptions.DisconnectedCircuitRetention"/>
/// when the tab just vanishes.
/// </summary>
internal sealed class ActorCircuitHandler(ActorSession session) : CircuitHandler
{
    /// <summary>Called when the circuit is created, before the tab's components become interactive.</summary>
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        session.TryStart(OwnerKind.Tab);
        return Task.CompletedTask;
    }

    /// <summary>Called when the circuit is torn down for good; the actor's waiting callers fail at once.</summary>
    public override async Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        await session.DisposeAsync();
}
