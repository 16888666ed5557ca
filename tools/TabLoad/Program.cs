using Microsoft.Playwright;

namespace TabLoad;

/// <summary>Entry point: parse, run, report.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(TabOptions.Usage);
            return 0;
        }

        TabOptions options;
        try
        {
            options = TabOptions.Parse(args);
        }
        catch (Exception error) when (error is ArgumentException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"tabload: {error.Message}");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // Ctrl+C ends the window early but still reports
            cancel.Cancel();
        };

        TabReport report;
        try
        {
            report = await new TabRun(options).RunAsync(cancel.Token);
        }
        catch (Exception error) when (error is PlaywrightException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"tabload: a tab failed: {error.Message}");
            return 1;
        }

        Console.Write(report.ToText());
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, report.ToJson());
            Console.WriteLine($"  report written to {path}");
        }

        return 0;
    }
}
