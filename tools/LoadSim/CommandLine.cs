using System.Globalization;
using System.Net;

namespace LoadSim;

/// <summary>Command-line values shared by the load tools (LoadSim, and TabLoad which compiles this file too).</summary>
internal static class CommandLine
{
    /// <summary>Whether <paramref name="url"/> names this machine's loopback: the tools never load another host.</summary>
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    public static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : throw new ArgumentException($"{name}: '{value}' is not a whole number.");

    public static double ParseDouble(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) ? result : throw new ArgumentException($"{name}: '{value}' is not a number.");

    /// <summary>500ms, 10s, 2m, or a plain number of seconds.</summary>
    public static TimeSpan ParseTime(string name, string value)
    {
        var (number, unit) = value.EndsWith("ms", StringComparison.Ordinal) ? (value[..^2], 0.001)
            : value.EndsWith('s') ? (value[..^1], 1.0)
            : value.EndsWith('m') ? (value[..^1], 60.0)
            : (value, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0
            ? TimeSpan.FromSeconds(amount * unit)
            : throw new ArgumentException($"{name}: '{value}' is not a time like 500ms, 10s or 2m.");
    }

    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
