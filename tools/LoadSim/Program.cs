using Spectre.Console;

namespace LoadSim;

/// <summary>Entry point: parse, run, report; the exit code says whether every call had an outcome.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(LoadOptions.Usage);
            return 0;
        }

        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception error) when (error is ArgumentException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"loadsim: {error.Message}");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // Ctrl+C ends the run early but still settles the calls and prints the report
            cancel.Cancel();
        };

        var result = await new LoadRun(options).RunAsync(cancel.Token);
        Report.Print(options, result);
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, Report.ToJson(options, result));
            AnsiConsole.MarkupLineInterpolated($"[grey]report written to {path}[/]");
        }

        return result.Passed ? 0 : 1;
    }
}
