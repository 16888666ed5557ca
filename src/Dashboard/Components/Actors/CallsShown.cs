using Dashboard.Services;

namespace Dashboard.Components.Actors;

/// <summary>
/// What the call timeline and the calls table show of an actor's calls, as a value that compares equal when nothing
/// visible changed: they lay the calls out again only when it moved.
/// </summary>
/// <param name="Calls">The calls shown, by identity: a call's record is replaced whenever the call moves a step.</param>
/// <param name="Mode">The actor's mode (the timeline's chip).</param>
/// <param name="LiveNow">The snapshot's moment while a call is in flight (its elapsed time moves), else 0.</param>
public readonly record struct CallsShown(int Calls, ActorMode Mode, long LiveNow)
{
    public static CallsShown Of(ActorView view) => new(Identity(view.Tracker.Calls), view.Mode, AnyInFlight(view.Tracker.Calls) ? view.Now : 0);

    /// <summary>A hash of the calls' records by reference.</summary>
    internal static int Identity(IReadOnlyList<CallRecord> calls)
    {
        var hash = default(HashCode);
        foreach (var call in calls)
        {
            hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(call));
        }

        return hash.ToHashCode();
    }

    /// <summary>Whether a call is in flight: its bars and wait lines move with time.</summary>
    internal static bool AnyInFlight(IReadOnlyList<CallRecord> calls)
    {
        foreach (var call in calls)
        {
            if (!call.IsEnded)
            {
                return true;
            }
        }

        return false;
    }
}
