using Microsoft.Extensions.Options;

namespace Dashboard.Cluster;

/// <summary>
/// This node's registration in the store: written on the first tick, renewed every <see cref="ClusterOptions.RenewInterval"/>
/// with a time to live of <see cref="ClusterOptions.MembershipTtl"/>, so a node that dies (even by SIGKILL) expires by itself.
/// </summary>
public sealed class ClusterMembership(IClusterStore store, NodeIdentity identity, IOptions<ClusterOptions> options, TimeProvider time)
{
    private readonly ClusterOptions _options = options.Value;
    private long _renewedAt;
    private bool _registered;

    /// <summary>This node as it registers itself.</summary>
    public NodeInfo Self => new(identity.Name, identity.Url, identity.StartedAt, identity.Version);

    /// <summary>Registers this node when it is not, or when its renewal is due; true when it wrote to the store.</summary>
    public async Task<bool> RenewIfDueAsync()
    {
        var now = time.GetTimestamp();
        if (_registered && time.GetElapsedTime(_renewedAt, now) < _options.RenewInterval)
        {
            return false;
        }

        await store.RegisterAsync(Self, _options.MembershipTtl);
        (_registered, _renewedAt) = (true, now);
        return true;
    }

    /// <summary>Makes the next <see cref="RenewIfDueAsync"/> write at once (after the store was unreachable: the registration may have expired).</summary>
    public void RenewNow() => _registered = false;

    /// <summary>The members whose registration has not expired (this node included).</summary>
    public Task<IReadOnlyList<NodeInfo>> ReadAsync() => store.ReadMembersAsync();

    /// <summary>Removes this node at a clean shutdown, so the others drop it at once rather than after its time to live.</summary>
    public Task LeaveAsync() => store.DeregisterAsync(identity.Name);
}
