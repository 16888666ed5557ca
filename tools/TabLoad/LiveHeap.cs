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
    public static string? Tool { get; } = FindTool("dotnet-gcdump");

    /// <summary>
    /// Writes a heap dump of <paramref name="pid"/> to <paramref name="path"/> with <c>dotnet-dump</c>, for tools/HeapWalk
    /// (which walks it object by object); false, with a line saying why, when it could not.
    /// </summary>
    public static async Task<bool> DumpAsync(int pid, string path, CancellationToken cancellationToken)
    {
        if (FindTool("dotnet-dump") is not { } dump)
        {
            Console.WriteLine("heap dump: dotnet-dump not found; install it with 'dotnet tool install -g dotnet-dump' (skipped)");
            return false;
        }

        return await RunAsync(dump, $"collect -p {pid} --type Heap -o {path}", cancellationToken) is not null && File.Exists(path);
    }

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
            if (await RunAsync(Tool, $"collect -p {pid} -o {file}", cancellationToken) is null || !File.Exists(file))
            {
                return null;
            }

            var report = await RunAsync(Tool, $"report {file}", cancellationToken);
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

    private static async Task<string?> RunAsync(string tool, string arguments, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(tool);
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
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
            Console.WriteLine($"{name} {arguments.Split(' ')[0]} took over {Timeout.TotalMinutes:0} minutes (skipped)");
            return null;
        }

        if (process.ExitCode != 0)
        {
            Console.WriteLine($"{name} {arguments.Split(' ')[0]} failed ({process.ExitCode}): {(await errors).Trim()} (skipped)");
            return null;
        }

        return await output;
    }

    private static string? FindTool(string name)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        return candidates.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
    }
}
