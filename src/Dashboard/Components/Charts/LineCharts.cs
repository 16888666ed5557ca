using System.Globalization;
using MudBlazor;

namespace Dashboard.Components.Charts;

/// <summary>
/// What every line chart of the dashboard shares, so that they read alike: a y axis from zero titled with its unit,
/// an x axis labelled in time before now, no legend (the panel's caption names the series).
/// </summary>
/// <remarks>
/// The charts are drawn with <c>MatchBoundsToSize</c>, so the SVG's coordinates are the element's pixels and the
/// axis text keeps its font size instead of being scaled down with the drawing.
/// </remarks>
public static class LineCharts
{
    /// <summary>How tall a chart is drawn.</summary>
    public const string Height = "180px";

    /// <summary>The options of a chart whose values are <paramref name="unit"/>, formatted with <paramref name="format"/>.</summary>
    /// <param name="unit">The y axis title, e.g. "messages" or "calls / s".</param>
    /// <param name="format">A .NET number format for the y axis: "0" for counts, "0.#" for rates.</param>
    /// <param name="largest">The largest value plotted, for round grid steps (<see cref="GridStep"/>). Defaults to 0.</param>
    public static LineChartOptions Options(string unit, string format, double largest = 0) => new()
    {
        YAxisTitle = unit,
        YAxisFormat = format,
        YAxisToStringFunc = value => AxisNumber(value, format),
        YAxisRequireZeroPoint = true,
        ClampToZero = true,
        YAxisTicks = GridStep(largest),
        LineStrokeWidth = 2,
        ShowLegend = false,
    };

    /// <summary>
    /// A round step between the y axis's grid lines — 1, 2 or 5 times a power of ten — that gives at most four
    /// steps up to <paramref name="largest"/>: 3,000 queued messages get 1,000, 2,000, 3,000 rather than powers of two.
    /// </summary>
    public static int GridStep(double largest)
    {
        var step = 1;
        while (largest / step > 4 && step < int.MaxValue / 5)
        {
            step = step.ToString(CultureInfo.InvariantCulture)[0] switch
            {
                '1' => step * 2,
                '2' => step / 2 * 5,
                _ => step * 2,
            };
        }

        return step;
    }

    /// <summary>
    /// Labels for <paramref name="points"/> samples taken every <paramref name="step"/>, oldest first: the newest is
    /// "now", and about <paramref name="marks"/> evenly spaced older ones say how long ago ("-40 s", "-4 min"); the
    /// rest are empty so that the axis does not crowd.
    /// </summary>
    public static string[] AgeLabels(int points, TimeSpan step, int marks = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(marks, 1);
        var every = Math.Max(1, (int)Math.Ceiling((points - 1) / (double)marks));
        var labels = new string[points];
        for (var i = 0; i < points; i++)
        {
            var back = points - 1 - i; // samples before the newest
            labels[i] = back == 0 ? "now" : back % every == 0 ? "-" + Age(step * back) : "";
        }

        return labels;
    }

    /// <summary>A y axis number, short enough that it stays clear of the axis title: 3k, 1.5M.</summary>
    public static string AxisNumber(double value, string format) => Math.Abs(value) switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString(format, CultureInfo.InvariantCulture),
    };

    private static string Age(TimeSpan age) => age.TotalSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0.#} min");
}
