using Dashboard.Components.Charts;

namespace Unit.Dashboard.Components.Charts;

public sealed class LineChartsTests
{
    [Fact]
    public void AgeLabels_SixtySecondsOneASecond_MarksEveryTenSecondsAndNow()
    {
        // Act
        var labels = LineCharts.AgeLabels(60, TimeSpan.FromSeconds(1), marks: 6);

        // Assert
        Assert.Equal(60, labels.Length);
        Assert.Equal("now", labels[^1]);
        Assert.Equal(["-50 s", "-40 s", "-30 s", "-20 s", "-10 s", "now"], labels.Where(label => label.Length > 0));
        Assert.Equal("-50 s", labels[9]);
    }

    [Fact]
    public void AgeLabels_FiveMinutesEveryTwoSeconds_SwitchesToMinutes()
    {
        // Act
        var labels = LineCharts.AgeLabels(150, TimeSpan.FromSeconds(2));

        // Assert
        Assert.Equal(["-4 min", "-3 min", "-2 min", "-60 s", "now"], labels.Where(label => label.Length > 0));
    }

    [Fact]
    public void AgeLabels_OneOrNoSample_IsNowOrNothing()
    {
        // Act & Assert
        Assert.Equal(["now"], LineCharts.AgeLabels(1, TimeSpan.FromSeconds(2)));
        Assert.Empty(LineCharts.AgeLabels(0, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Options_CountAxis_StartsAtZeroWithItsUnitAndNoLegend()
    {
        // Act
        var options = LineCharts.Options("messages", "0");

        // Assert
        Assert.Equal("messages", options.YAxisTitle);
        Assert.Equal("0", options.YAxisFormat);
        Assert.True(options.YAxisRequireZeroPoint);
        Assert.False(options.ShowLegend);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(8, 2)]
    [InlineData(17, 5)]
    [InlineData(3_000, 1_000)]
    [InlineData(1_048_576, 500_000)]
    public void GridStep_LargestValue_IsARoundStepOfAtMostFourGridLines(double largest, int expected)
    {
        // Act
        var step = LineCharts.GridStep(largest);

        // Assert
        Assert.Equal(expected, step);
        Assert.True(largest / step <= 4);
    }

    [Theory]
    [InlineData(0, "0", "0")]
    [InlineData(2.5, "0.#", "2.5")]
    [InlineData(3_000, "0", "3k")]
    [InlineData(1_500_000, "0", "1.5M")]
    public void AxisNumber_Value_IsShort(double value, string format, string expected) =>
        Assert.Equal(expected, LineCharts.AxisNumber(value, format));
}
