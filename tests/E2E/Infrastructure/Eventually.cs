namespace E2E.Infrastructure;

/// <summary>Waits for a condition on the server (not a fixed sleep): checks it every few milliseconds until it holds or time runs out.</summary>
public static class Eventually
{
    /// <summary>How long <c>TrueAsync</c> waits by default (a slow 2-core CI machine).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
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
                Assert.Fail($"Gave up after {(timeout ?? DefaultTimeout).TotalSeconds:0} s waiting for: {what}");
            }

            await Task.Delay(Poll);
        }
    }
}
