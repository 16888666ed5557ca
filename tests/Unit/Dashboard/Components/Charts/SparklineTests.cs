using System.Globalization;
using Dashboard.Components.Charts;

namespace Unit.Dashboard.Components.Charts;

public sealed class SparklineTests
{
    [Fact]
    public void Sparkline_KnownValues_PathRunsEdgeToEdgeWithTheTopAtARoundGridStep()
    {
        // Act
        var chart = new Sparkline([0, 5, 10]);

        // Assert
        Assert.Equal(10, chart.Largest);
        Assert.Equal(10, chart.Top);
        Assert.Equal([0, 5, 10], chart.Ticks);
        Assert.Equal("M0 150L300 75L600 0", chart.Path);
        Assert.Equal("M0 150H600M0 75H600M0 0H600", chart.GridPath);
        Assert.Equal(50, chart.Percent(5));
    }

    [Fact]
    public void Sparkline_AllZero_IsAFlatLineAtTheBottomOfAOneStepAxis()
    {
        // Act
        var chart = new Sparkline([0, 0, 0]);

        // Assert
        Assert.Equal("M0 150H600", chart.Path);
        Assert.Equal(1, chart.Top);
        Assert.Equal([0, 1], chart.Ticks);
    }

    [Fact]
    public void Sparkline_SingleSpike_RisesOnlyAtItsSampleAndTheAxisRoundsUp()
    {
        // Act
        var chart = new Sparkline([0, 0, 0, 0, 25]);

        // Assert: 25 messages on a 0–30 axis (steps of 10)
        Assert.Equal(30, chart.Top);
        Assert.Equal([0, 10, 20, 30], chart.Ticks);
        Assert.Equal("M0 150H450L600 25", chart.Path);
    }

    [Fact]
    public void Sparkline_CultureWithADecimalComma_WritesInvariantNumbers()
    {
        // Arrange: a culture like de-DE (the tests run with invariant globalization, so build one)
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = comma;
        try
        {
            // Act
            var chart = new Sparkline([0, 0, 0, 7]);
            var marks = Sparkline.Marks(LineCharts.AgeLabels(60, TimeSpan.FromSeconds(1), marks: 6));

            // Assert: 7 on a 0–8 axis is 18.75 from the top
            Assert.Equal("M0 150H400L600 18.75", chart.Path);
            Assert.Equal("15.25", Sparkline.Number(marks[0].Percent));
            Assert.Equal("0 0 600 150", Sparkline.ViewBox);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Sparkline_OneOrNoValue_IsAFlatLineOrNothing()
    {
        // Act
        var one = new Sparkline([4]);
        var none = new Sparkline([]);

        // Assert
        Assert.Equal("M0 0H600", one.Path);
        Assert.Equal("", none.Path);
        Assert.Equal(0, none.Largest);
        Assert.Equal([0, 1], none.Ticks);
    }

    [Fact]
    public void Sparkline_NegativeOrNotANumber_CountsAsZero()
    {
        // Act
        var chart = new Sparkline([-3, double.NaN, 2]);

        // Assert
        Assert.Equal(2, chart.Largest);
        Assert.Equal("M0 150H300L600 0", chart.Path);
    }

    [Fact]
    public void SeriesPath_FlatStretches_AreOneStepToTheirEndAndThePeaksKeepTheirPoints()
    {
        // Act: flat, a spike, flat, a plateau to the end (x steps of 75)
        var path = Sparkline.SeriesPath([0, 0, 0, 10, 0, 0, 5, 5, 5], top: 10);

        // Assert
        Assert.Equal("M0 150H150L225 0L300 150H375L450 75H600", path);
    }

    [Fact]
    public void SeriesPath_ValueAboveTheTop_IsClampedToTheBox()
    {
        // Act & Assert
        Assert.Equal("M0 0L600 150", Sparkline.SeriesPath([12, 0], top: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sparkline.SeriesPath([1], top: 0));
    }

    [Fact]
    public void Marks_AgeLabelsOfAMinute_PlacesEachLabelAtItsSample()
    {
        // Act
        var marks = Sparkline.Marks(LineCharts.AgeLabels(60, TimeSpan.FromSeconds(1), marks: 6));

        // Assert: "-50 s" is sample 9 of 0…59, "now" the right edge
        Assert.Equal(["-50 s", "-40 s", "-30 s", "-20 s", "-10 s", "now"], marks.Select(mark => mark.Text));
        Assert.Equal(100.0 * 9 / 59, marks[0].Percent, precision: 6);
        Assert.Equal(100, marks[^1].Percent);
        Assert.Equal([("now", 100.0)], Sparkline.Marks(["now"]));
    }

    [Theory]
    [InlineData(10.169, "10.17")]
    [InlineData(150, "150")]
    [InlineData(0.004, "0")]
    [InlineData(18.75, "18.75")]
    public void Number_Value_HasAtMostTwoDecimals(double value, string expected) =>
        Assert.Equal(expected, Sparkline.Number(value));
}
