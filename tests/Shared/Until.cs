namespace TestSupport;

/// <summary>
/// Waits for a condition that other threads or processes make true (an actor's loop, a timer, a server, a
/// browser), checking every few milliseconds on real time — never on a test's fake clock — and fails with
/// what it waited for. Not a fixed sleep: it returns as soon as the condition holds.
/// </summary>
internal static class Until
{
    /// <summary>How long <c>TrueAsync</c> waits by default (a slow 2-core CI machine).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Like <see cref="TrueAsync(Func{bool}, string, TimeSpan?)"/>, for a condition that needs to await.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {(timeout ?? DefaultTimeout).TotalSeconds:0} s waiting for: {what}");
            }

            await Task.Delay(Poll, TimeProvider.System); // lets the other side run; not a timing assumption
        }
    }
}
