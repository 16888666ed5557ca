using System.Collections.Concurrent;
using Dashboard.Services;
using Microsoft.Extensions.Options;

namespace Dashboard.Hubs;

/// <summary>
/// The hub connections of this node, by connection id, each with its own actor. A singleton: hub instances
/// are transient (one per invocation), so per-connection state lives here.
/// </summary>
public sealed class HubSessionRegistry(ActorSessionFactory sessions, IOptions<HeartbeatHubOptions> options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HubClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Open connections that have an actor.</summary>
    public int Count => _clients.Count;

    /// <summary>The client of <paramref name="connectionId"/>, or null when it has none (refused or gone).</summary>
    public HubClient? Find(string connectionId) => _clients.GetValueOrDefault(connectionId);

    /// <summary>
    /// Called when a connection opens: spawns its actor. Returns null (and keeps nothing) when the node is at
    /// its actor limit.
    /// </summary>
    public async Task<HubClient?> OpenAsync(string connectionId)
    {
        var session = sessions.Create();
        if (!session.TryStart(OwnerKind.Hub))
        {
            await session.DisposeAsync();
            return null;
        }

        var client = new HubClient(connectionId, session, options.Value);
        if (!_clients.TryAdd(connectionId, client))
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"Connection {connectionId} is already open.");
        }

        return client;
    }

    /// <summary>Called when a connection closes: stops its actor. Safe to call twice.</summary>
    public async Task CloseAsync(string connectionId)
    {
        if (_clients.TryRemove(connectionId, out var client))
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>Stops every connection's actor (at shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var connectionId in _clients.Keys)
        {
            await CloseAsync(connectionId);
        }
    }
}
