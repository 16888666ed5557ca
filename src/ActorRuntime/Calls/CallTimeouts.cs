using System.Numerics;
using System.Runtime.CompilerServices;

namespace ActorRuntime.Calls;

/// <summary>
/// Every waiting call's timeout on one clock, driven by one timer per shard instead of one timer per call.
/// </summary>
/// <remarks>
/// A call is watched by the <see cref="TimeoutShard"/> of the processor its caller runs on, so callers
/// on different cores take different locks; an answer takes none (it clears the call's slot in its
/// lane). One instance per <see cref="TimeProvider"/>, so a test's fake clock drives its own calls exactly.
/// </remarks>
internal sealed class CallTimeouts
{
    private static readonly ConditionalWeakTable<TimeProvider, CallTimeouts> ByClock = new();

    private readonly TimeProvider _time;
    private readonly TimeoutShard[] _shards;

    private CallTimeouts(TimeProvider time)
    {
        _time = time;
        _shards = new TimeoutShard[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64))];
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new TimeoutShard(time);
        }
    }

    /// <summary>The instance for <paramref name="time"/>, created on first use.</summary>
    public static CallTimeouts For(TimeProvider time) => ByClock.GetValue(time, static clock => new CallTimeouts(clock));

    /// <summary>Starts watching <paramref name="call"/>: it times out at its start plus its timeout.</summary>
    public void Add(PendingCall call)
    {
        var shard = _shards[Thread.GetCurrentProcessorId() & (_shards.Length - 1)];
        shard.Add(call, ToTimestampUnits(call.Timeout));
    }

    /// <summary>Stops watching an answered call, without a lock; harmless if it is not watched.</summary>
    public static void Remove(PendingCall call) => call.TimeoutLane?.Remove(call);

    private long ToTimestampUnits(TimeSpan timeout) =>
        (long)Math.Ceiling((double)timeout.Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond);
}
