using Dashboard.Services;
using Dashboard.VirtualUsers;
using TestSupport;

namespace Unit.Dashboard.VirtualUsers;

/// <summary>A virtual user heartbeats like a tab: never faster than <c>Heartbeat:IntervalMin</c> (4 s), never slower than <c>IntervalMax</c>.</summary>
public sealed class VirtualUserIntervalTests : IAsyncLifetime
{
    private const int Heartbeats = 12;
    private readonly SessionHarness _harness = new();
    private readonly RecordingTimeProvider _time;

    public VirtualUserIntervalTests() => _time = new RecordingTimeProvider(_harness.Time);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Running_ManyHeartbeats_EachPauseIsWithinIntervalMinAndMax()
    {
        var (min, max) = (_harness.Options.IntervalMin, _harness.Options.IntervalMax);
        var session = _harness.NewSession();
        var options = new VirtualUserOptions { RequestChance = 0, BurstChance = 0 };
        await using var user = await VirtualUser.TryStartAsync(session, options, _time);
        Assert.NotNull(user);

        for (var beat = 1; beat <= Heartbeats; beat++)
        {
            await Until.TrueAsync(() => _time.Delays.Count == beat, $"the user to wait for heartbeat {beat}");
            var pause = _time.Delays[^1];
            Assert.InRange(pause, min, max);

            _harness.Time.Advance(pause - TimeSpan.FromMilliseconds(1));
            Assert.Equal(beat - 1, session.Tracker.Counters.Calls); // a millisecond early: no heartbeat yet
            _harness.Time.Advance(TimeSpan.FromMilliseconds(1));
            await Until.TrueAsync(() => session.Tracker.Counters.Calls == beat, $"heartbeat {beat}");
        }

        var sent = session.Tracker.Snapshot().Calls.Select(c => c.SentAt).Order().ToList();
        Assert.All(sent.Zip(sent.Skip(1)), pair => Assert.True(_harness.Time.GetElapsedTime(pair.First, pair.Second) >= min));
    }

    /// <summary>A clock that records every timer's due time — each virtual user's pause is one — and lets a fake clock run them.</summary>
    private sealed class RecordingTimeProvider(TimeProvider inner) : TimeProvider
    {
        private readonly List<TimeSpan> _delays = [];

        public IReadOnlyList<TimeSpan> Delays
        {
            get
            {
                lock (_delays)
                {
                    return [.. _delays];
                }
            }
        }

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
            }

            return inner.CreateTimer(callback, state, dueTime, period);
        }
    }
}
