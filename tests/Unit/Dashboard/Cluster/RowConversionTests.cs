using ActorRuntime;
using Dashboard.Cluster;
using Dashboard.Overview;
using Microsoft.Extensions.Time.Testing;

namespace Unit.Dashboard.Cluster;

public sealed class RowConversionTests
{
    [Fact]
    public void FromWire_OfToWire_KeepsEveryFigureOfTheRow()
    {
        // Arrange: every numeric property of the row gets its own non-default value, so a figure the wire
        // form forgets comes back as 0 and fails the comparison below.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        var row = new OverviewRow { Pid = new Pid(42), Name = "HeartbeatActor", Owner = "tab", Status = ActorStatus.Busy };
        var value = 1L;
        foreach (var property in typeof(OverviewRow).GetProperties().Where(p => p.CanWrite))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? next = type == typeof(int) ? (int)value : type == typeof(long) ? value : null;
            if (property.Name == nameof(OverviewRow.LastHeartbeat))
            {
                next = time.GetTimestamp() - time.TimestampFrequency * 3; // 3 s ago: ages survive, raw timestamps do not
            }
            else if (type == typeof(TimeSpan))
            {
                next = TimeSpan.FromMicroseconds(value);
            }

            if (next is not null)
            {
                property.SetValue(row, next);
                value++;
            }
        }

        // Act
        var back = RowConversion.FromWire(RowConversion.ToWire(row, time, time.GetUtcNow()), time, time.GetUtcNow());

        // Assert
        Assert.Equal(row, back);
    }
}
