namespace TestSupport;

/// <summary>
/// Waits for a condition that other threads make true (an actor's loop, a timer, a render), checking on every
/// turn of the thread pool — on real time, never on a test's fake clock — and fails with what it waited for.
/// </summary>
internal static class Until
{
    /// <summary>How long <see cref="TrueAsync"/> waits by default (a slow 2-core CI machine).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {(timeout ?? DefaultTimeout).TotalSeconds:0} s waiting for: {what}");
            }

            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System); // lets thread-pool work run; not a timing assumption
        }
    }
}
