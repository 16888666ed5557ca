using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ActorRuntime.Benchmarks.Probes;

/// <summary>
/// A report column with the <see cref="CoreToCoreProbe"/> round trip measured by each benchmark's
/// process just before and just after its run. The processes append to a file the host reads back
/// for the table, so a row measured while the host had the cores far apart shows it.
/// </summary>
public sealed class CoreToCoreColumn : IColumn
{
    private static readonly string s_logPath = Path.Combine(Path.GetTempPath(), "ActorRuntime.Benchmarks.core-to-core.tsv");

    public string Id => nameof(CoreToCoreColumn);

    public string ColumnName => "Core-core RTT";

    public string Legend =>
        "Cache-line round trip between the two cores, measured by the row's process before / after it ran "
        + "(~60 ns is normal on the results' machine; ~340 ns: the host had the cores far apart, and cross-core rows run 2-4x slower)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    /// <summary>Host only: forgets an earlier run's measurements.</summary>
    public static void Reset()
    {
        try
        {
            File.Delete(s_logPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"// could not clear {s_logPath} ({exception.Message}): the core-to-core column may show an earlier run's readings");
        }
    }

    /// <summary>In the benchmark's process: appends a round trip of <paramref name="nanoseconds"/> under <paramref name="benchmark"/>'s key.</summary>
    public static void Record(object benchmark, string method, string phase, double nanoseconds)
    {
        var scenario = benchmark.GetType();
        while (scenario.Assembly != typeof(CoreToCoreColumn).Assembly)
        {
            scenario = scenario.BaseType!; // BenchmarkDotNet runs a generated subclass of the scenario
        }

        var key = Key(scenario.Name, method, ParametersOf(benchmark));
        var line = string.Create(CultureInfo.InvariantCulture, $"{key}\t{phase}\t{nanoseconds:0.0}\n");
        try
        {
            File.AppendAllText(s_logPath, line);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"// core-to-core reading not recorded ({exception.Message}); the column shows '?'");
        }
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        Describe(
            benchmarkCase.Descriptor.Type.Name,
            benchmarkCase.Descriptor.WorkloadMethod.Name,
            benchmarkCase.Parameters.Items.Select(parameter => (parameter.Name, Convert.ToString(parameter.Value, CultureInfo.InvariantCulture) ?? "")));

    /// <summary>"62 / 64 ns": the worst round trip measured before and after the benchmark, "?" where none was (or the probe could not measure).</summary>
    internal static string Describe(string type, string method, IEnumerable<(string Name, string Value)> parameters)
    {
        var key = Key(type, method, parameters);
        var measured = ReadLog().Where(entry => entry.Key == key).ToList();
        string Worst(string phase)
        {
            var readings = measured.Where(entry => entry.Phase == phase && !double.IsNaN(entry.Nanoseconds)).ToList();
            return readings.Count == 0 ? "?" : readings.Max(entry => entry.Nanoseconds).ToString("0", CultureInfo.InvariantCulture);
        }

        return $"{Worst("before")} / {Worst("after")} ns";
    }

    public override string ToString() => ColumnName;

    private static IEnumerable<(string Name, string Value)> ParametersOf(object benchmark) =>
        benchmark.GetType().GetProperties()
            .Where(property => property.IsDefined(typeof(ParamsAttribute)) || property.IsDefined(typeof(ParamsSourceAttribute)))
            .Select(property => (property.Name, Convert.ToString(property.GetValue(benchmark), CultureInfo.InvariantCulture) ?? ""));

    private static string Key(string type, string method, IEnumerable<(string Name, string Value)> parameters) =>
        $"{type}.{method}({string.Join(',', parameters.OrderBy(parameter => parameter.Name, StringComparer.Ordinal).Select(parameter => $"{parameter.Name}={parameter.Value}"))})";

    private static IEnumerable<(string Key, string Phase, double Nanoseconds)> ReadLog()
    {
        if (!File.Exists(s_logPath))
        {
            yield break;
        }

        foreach (var line in File.ReadAllLines(s_logPath))
        {
            if (line.Split('\t') is [var key, var phase, var value]
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var nanoseconds))
            {
                yield return (key, phase, nanoseconds);
            }
        }
    }
}
