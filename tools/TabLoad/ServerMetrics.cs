using System.Globalization;

namespace TabLoad;

/// <summary>The server's own .NET figures from its Prometheus endpoint (<c>/metrics</c>, the System.Runtime meter).</summary>
internal sealed record ServerMetrics(double? GcHeapBytes, double? AllocatedBytes)
{
    /// <summary>Reads <c>/metrics</c>; nulls when the endpoint is off or a figure is missing.</summary>
    public static async Task<ServerMetrics> ReadAsync(HttpClient http)
    {
        try
        {
            var text = await http.GetStringAsync("/metrics");
            return new ServerMetrics(Sum(text, "dotnet_gc_last_collection_heap_size_bytes"), Sum(text, "dotnet_gc_heap_total_allocated_bytes_total"));
        }
        catch (HttpRequestException)
        {
            return new ServerMetrics(null, null);
        }
    }

    /// <summary>The sum of a metric's samples over its labels (e.g. the GC generations).</summary>
    private static double? Sum(string exposition, string metric)
    {
        double? total = null;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            var value = line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : metric.Length)..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var sample))
            {
                total = (total ?? 0) + sample;
            }
        }

        return total;
    }
}
