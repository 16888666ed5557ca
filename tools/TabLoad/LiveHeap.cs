using System.Diagnostics;
using System.Globalization;

namespace TabLoad;

/// <summary>
/// The server's live managed heap: what is still reachable after a full blocking collection, as <c>dotnet-gcdump</c>
/// measures it. Unlike the GC's "heap after the last collection" (often a gen-0 one, with older garbage still in),
/// this is what the circuits, actors and sessions retain, so the difference between two readings over the tabs is
/// the memory a tab keeps.
/// </summary>
internal static class LiveHeap
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The tool to run: on the PATH or where <c>dotnet tool install -g</c> puts it; null when neither has it.</summary>
    public static string? Tool { get; } = FindTool();

    /// <summary>The live heap of <paramref name="pid"/> in bytes; null (with a line saying why) when it cannot be measured.</summary>
    public static async Task<long?> MeasureAsync(int pid, CancellationToken cancellationToken)
    {
        if (Tool is null)
        {
            Console.WriteLine("live heap: dotnet-gcdump not found; install it with 'dotnet tool install -g dotnet-gcdump' (skipped)");
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"tabload-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            if (await RunAsync($"collect -p {pid} -o {file}", cancellationToken) is null || !File.Exists(file))
            {
                return null;
            }

            var report = await RunAsync($"report {file}", cancellationToken);
            return report is null ? null : Parse(report);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The total of a <c>dotnet-gcdump report</c>: its line "&lt;bytes&gt;  GC Heap bytes".</summary>
    internal static long? Parse(string report)
    {
        foreach (var line in report.Split('\n'))
        {
            var at = line.IndexOf("GC Heap bytes", StringComparison.Ordinal);
            if (at > 0 && long.TryParse(line[..at].Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var bytes))
            {
                return bytes;
            }
        }

        return null;
    }

    private static async Task<string?> RunAsync(string arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(Tool!, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill();
            Console.WriteLine($"live heap: dotnet-gcdump {arguments.Split(' ')[0]} took over {Timeout.TotalMinutes:0} minutes (skipped)");
            return null;
        }

        if (process.ExitCode != 0)
        {
            Console.WriteLine($"live heap: dotnet-gcdump {arguments.Split(' ')[0]} failed ({process.ExitCode}): {(await errors).Trim()} (skipped)");
            return null;
        }

        return await output;
    }

    private static string? FindTool()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        return candidates.Select(dir => Path.Combine(dir, "dotnet-gcdump")).FirstOrDefault(File.Exists);
    }
}
