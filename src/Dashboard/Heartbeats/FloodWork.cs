using System.Diagnostics;

namespace Dashboard.Heartbeats;

/// <summary>Simulated per-message work, so a flood visibly fills the mailbox instead of draining in a blink.</summary>
internal static class FloodWork
{
    public static void Spend(TimeSpan cost)
    {
        if (cost <= TimeSpan.Zero)
        {
            return;
        }

        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < cost)
        {
            Thread.SpinWait(20);
        }
    }
}
