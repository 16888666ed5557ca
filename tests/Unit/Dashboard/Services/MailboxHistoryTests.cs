using Dashboard.Services;
using Microsoft.Extensions.Time.Testing;

namespace Unit.Dashboard.Services;

public sealed class MailboxHistoryTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Snapshot_KeepsTheMaximumPerSecondOldestFirst()
    {
        var history = new MailboxHistory(_time);

        history.Sample(5);
        history.Sample(9);
        history.Sample(2);
        _time.Advance(TimeSpan.FromSeconds(1));
        history.Sample(4);

        var values = history.Snapshot();
        Assert.Equal(MailboxHistory.Seconds, values.Length);
        Assert.Equal(9, values[^2]);
        Assert.Equal(4, values[^1]);
        Assert.All(values[..^2], v => Assert.Equal(0, v));
    }

    [Fact]
    public void Snapshot_SecondsWithoutSamples_AreZeroAndOldOnesRollOff()
    {
        var history = new MailboxHistory(_time);
        history.Sample(7);

        _time.Advance(TimeSpan.FromSeconds(10));
        var tenLater = history.Snapshot();
        _time.Advance(TimeSpan.FromSeconds(60));
        var minuteLater = history.Snapshot();

        Assert.Equal(7, tenLater[^11]);
        Assert.All(tenLater[^10..], v => Assert.Equal(0, v));
        Assert.All(minuteLater, v => Assert.Equal(0, v));
    }
}
