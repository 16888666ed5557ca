using Dashboard.Heartbeats;
using Dashboard.Services;

namespace Dashboard.VirtualUsers;

/// <summary>
/// One server-side user that behaves like a tab: a heartbeat every <c>Heartbeat:IntervalMin</c>..<c>IntervalMax</c>
/// (random jitter each time), now and then a request or a burst. It does not wait for its calls before the next
/// heartbeat, exactly like the browser's timer.
/// </summary>
internal sealed class VirtualUser : IAsyncDisposable
{
    private readonly ActorSession _session;
    private readonly VirtualUserOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private VirtualUser(ActorSession session, VirtualUserOptions options, TimeProvider time)
    {
        _session = session;
        _options = options;
        _time = time;
        _loop = RunAsync(_stop.Token);
    }

    /// <summary>The user's actor session (owner <see cref="OwnerKind.Virtual"/>).</summary>
    public ActorSession Session => _session;

    /// <summary>Spawns the actor and starts the loop; null (and nothing kept) when the node is at capacity.</summary>
    public static async Task<VirtualUser?> TryStartAsync(ActorSession session, VirtualUserOptions options, TimeProvider time)
    {
        if (!session.TryStart(OwnerKind.Virtual))
        {
            await session.DisposeAsync();
            return null;
        }

        return new VirtualUser(session, options, time);
    }

    /// <summary>Stops the loop, then the actor; calls still waiting end as cancelled.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _session.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var calls = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(NextInterval(), _time, cancellationToken);
                calls.RemoveAll(call => call.IsCompleted);
                calls.Add(_session.HeartbeatAsync(cancellationToken));
                var roll = Random.Shared.NextDouble();
                if (roll < _options.BurstChance)
                {
                    calls.Add(_session.BurstAsync(_options.BurstSize, cancellationToken));
                }
                else if (roll < _options.BurstChance + _options.RequestChance)
                {
                    calls.Add(_session.RequestAsync(CallOrigin.Virtual, cancellationToken: cancellationToken));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        await Task.WhenAll(calls); // each ends at once as cancelled; none throws for a runtime outcome
    }

    private TimeSpan NextInterval()
    {
        var (min, max) = (_session.Options.IntervalMin, _session.Options.IntervalMax);
        return min + ((max - min) * Random.Shared.NextDouble());
    }
}
