namespace ActorRuntime.Supervision;

/// <summary>Remembers recent restart times to enforce <see cref="RestartPolicy.MaxRestarts"/> per window.</summary>
internal sealed class RestartIntensity(RestartPolicy policy)
{
    private readonly Queue<long> _recent = new();

    /// <summary>Records a crash at <paramref name="now"/> and says whether another restart is allowed.</summary>
    public bool TryRestart(TimeProvider time, long now)
    {
        if (policy.MaxRestarts == 0)
        {
            return false;
        }

        while (_recent.Count > 0 && time.GetElapsedTime(_recent.Peek(), now) > policy.Window)
        {
            _recent.Dequeue();
        }

        if (_recent.Count >= policy.MaxRestarts)
        {
            return false;
        }

        _recent.Enqueue(now);
        return true;
    }
}
