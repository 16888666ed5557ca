namespace Dashboard.Services;

/// <summary>The largest mailbox depth seen in each of the last <see cref="Seconds"/> seconds.</summary>
/// <remarks>Fed by whoever watches the actor (a page samples at up to 10 Hz); thread-safe.</remarks>
public sealed class MailboxHistory(TimeProvider time)
{
    /// <summary>How many seconds are kept.</summary>
    public const int Seconds = 60;

    private readonly Lock _lock = new();
    private readonly int[] _max = new int[Seconds];
    private readonly long _origin = time.GetTimestamp();
    private long _lastSecond = -1;

    /// <summary>A hash of <paramref name="seconds"/> (a <see cref="Snapshot"/>): equal values, equal hashes.</summary>
    public static int Hash(IReadOnlyList<int> seconds)
    {
        var hash = default(HashCode);
        foreach (var value in seconds)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Records the depth seen now.</summary>
    public void Sample(int depth)
    {
        lock (_lock)
        {
            var second = CurrentSecond();
            Advance(second);
            ref var slot = ref _max[second % Seconds];
            slot = Math.Max(slot, depth);
        }
    }

    /// <summary>The last 60 seconds, oldest first.</summary>
    public int[] Snapshot()
    {
        lock (_lock)
        {
            var second = CurrentSecond();
            Advance(second);
            var result = new int[Seconds];
            for (var i = 0; i < Seconds; i++)
            {
                result[i] = _max[(second + 1 + i) % Seconds];
            }

            return result;
        }
    }

    private long CurrentSecond() => (long)time.GetElapsedTime(_origin).TotalSeconds;

    private void Advance(long second)
    {
        // Clear the seconds nobody sampled since the last call.
        for (var s = Math.Max(_lastSecond + 1, second - Seconds + 1); s <= second; s++)
        {
            _max[s % Seconds] = 0;
        }

        _lastSecond = Math.Max(_lastSecond, second);
    }
}
