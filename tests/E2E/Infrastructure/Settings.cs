namespace E2E.Infrastructure;

/// <summary>Configuration overrides that several fixtures share.</summary>
public static class Settings
{
    /// <summary>
    /// <paramref name="extra"/> plus heartbeats pushed out to ten minutes, so a test's call counts and
    /// waiting calls come from the test alone.
    /// </summary>
    public static Dictionary<string, string?> QuietHeartbeat(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(extra ?? [])
        {
            ["Heartbeat:IntervalMin"] = "00:10:00",
            ["Heartbeat:IntervalMax"] = "00:10:00",
        };
        return settings;
    }
}
