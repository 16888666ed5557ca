using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Charts;

/// <summary>
/// The geometry of a small line chart that a panel draws itself as plain SVG — one <c>&lt;path&gt;</c> for the
/// series, one for the grid — instead of a <c>MudChart</c>, which costs a component and three event handlers per
/// data point. The y axis runs from zero to <see cref="Top"/>, a round number of <see cref="LineCharts.GridStep"/>s,
/// as on the dashboard's other line charts.
/// </summary>
/// <example>
/// <code>
/// var chart = new Sparkline([0, 3, 25]);
/// // chart.Top == 30, chart.Ticks == [0, 10, 20, 30]
/// // &lt;svg viewBox="@Sparkline.ViewBox" preserveAspectRatio="none"&gt;&lt;path d="@chart.Path" /&gt;&lt;/svg&gt;
/// </code>
/// </example>
/// <remarks>
/// The paths are in a <see cref="Width"/> × <see cref="Height"/> box meant to be stretched to the element's size
/// (<c>preserveAspectRatio="none"</c>, with <c>vector-effect="non-scaling-stroke"</c> so the lines keep their
/// width); the axis labels are HTML placed by <see cref="Percent"/>, so their text is never stretched. Every number
/// is written with the invariant culture: a German server must not write <c>M0,5</c>.
/// </remarks>
public sealed class Sparkline
{
    /// <summary>The width of the box the paths are drawn in.</summary>
    public const double Width = 600;

    /// <summary>The height of the box the paths are drawn in; y = 0 is the top, as in SVG.</summary>
    public const double Height = 150;

    /// <summary>The SVG <c>viewBox</c> of the box the paths are drawn in.</summary>
    public static readonly string ViewBox = $"0 0 {Number(Width)} {Number(Height)}";

    /// <summary>The geometry of <paramref name="values"/>, oldest first; negative or non-finite values count as 0.</summary>
    public Sparkline(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        Largest = values.Count == 0 ? 0 : values.Max(Clean);
        var step = LineCharts.GridStep(Largest);
        var steps = Math.Max(1, (int)Math.Ceiling(Largest / step));
        Top = (double)step * steps;
        Ticks = [.. Enumerable.Range(0, steps + 1).Select(i => (double)step * i)];
        Path = SeriesPath(values, Top);
        GridPath = string.Concat(Ticks.Select(tick => $"M0 {Number(Y(tick, Top))}H{Number(Width)}"));
    }

    /// <summary>The values plotted, oldest first, as given.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The largest value (0 for none).</summary>
    public double Largest { get; }

    /// <summary>The value at the top of the box: <see cref="Largest"/> rounded up to a grid step, at least one step.</summary>
    public double Top { get; }

    /// <summary>The values of the horizontal grid lines, from 0 up to <see cref="Top"/>: at most five.</summary>
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>The series as a path's <c>d</c>: a line from the first value (left edge) to the last (right edge); empty for no values.</summary>
    public string Path { get; }

    /// <summary>One horizontal line per tick, as a path's <c>d</c>.</summary>
    public string GridPath { get; }

    /// <summary>
    /// The series of <paramref name="values"/> in a box whose top is <paramref name="top"/>: "M0 150H450L600 25" (a
    /// flat stretch is one <c>H</c> to its end: an idle mailbox's minute is a few characters, not 60 points).
    /// One value is drawn as a flat line across the box, none as an empty string.
    /// </summary>
    public static string SeriesPath(IReadOnlyList<double> values, double top)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        if (values.Count == 0)
        {
            return "";
        }

        if (values.Count == 1)
        {
            return $"M0 {Number(Y(values[0], top))}H{Number(Width)}";
        }

        var d = new StringBuilder("M0 ").Append(Number(Y(values[0], top)));
        var last = values.Count - 1;
        for (var i = 1; i <= last; i++)
        {
            var y = Y(values[i], top);
            var flat = y == Y(values[i - 1], top);
            if (flat && i < last && y == Y(values[i + 1], top))
            {
                continue; // inside a flat stretch: the line passes through it
            }

            var x = Number(Width * i / last);
            _ = flat ? d.Append('H').Append(x) : d.Append('L').Append(x).Append(' ').Append(Number(y));
        }

        return d.ToString();
    }

    /// <summary>The y coordinate of <paramref name="value"/> in the box, clamped to it (0 at the bottom, <paramref name="top"/> at the top).</summary>
    public static double Y(double value, double top) => Height - Height * Math.Min(Clean(value), top) / top;

    /// <summary>
    /// Where each labelled sample of <paramref name="labels"/> sits along the x axis, in percent of the width: the
    /// non-empty labels of <see cref="LineCharts.AgeLabels"/>, which name one sample each, oldest first.
    /// </summary>
    public static IReadOnlyList<(string Text, double Percent)> Marks(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return [.. labels
            .Select((text, i) => (text, Percent: labels.Count == 1 ? 100 : 100.0 * i / (labels.Count - 1)))
            .Where(mark => mark.text.Length > 0)];
    }

    /// <summary>
    /// Axis labels as one markup string: a <c>div</c> of <paramref name="className"/> holding a <c>span</c> per label,
    /// placed <paramref name="side"/> ("left", "bottom") at its percent. One render-tree frame where each label would be three.
    /// </summary>
    public static MarkupString Labels(string className, string side, IEnumerable<(string Text, double Percent)> labels)
    {
        var html = new StringBuilder($"<div class=\"{className}\">");
        foreach (var (text, percent) in labels)
        {
            html.Append($"<span style=\"{side}: {Number(percent)}%\">{WebUtility.HtmlEncode(text)}</span>");
        }

        return new MarkupString(html.Append("</div>").ToString());
    }

    /// <summary>How far up the box <paramref name="value"/> is, in percent of the height (for a label's CSS <c>bottom</c>).</summary>
    public double Percent(double value) => 100 * Math.Min(Clean(value), Top) / Top;

    /// <summary>A coordinate or percentage for SVG or CSS: invariant culture, at most two decimals ("10.17", not "10,17").</summary>
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static double Clean(double value) => double.IsFinite(value) && value > 0 ? value : 0;
}
