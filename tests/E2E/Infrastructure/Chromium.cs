using Microsoft.Playwright;

namespace E2E.Infrastructure;

/// <summary>Finds and launches the Chromium that the tests drive.</summary>
public static class Chromium
{
    /// <summary>The environment variable that names a Chromium binary; <c>./test.sh</c> sets it.</summary>
    public const string ExecutableVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";

    private const string DebianChromium = "/usr/bin/chromium";

    /// <summary>
    /// Flags for a quiet, sandbox-less headless browser that never reaches the network: every host name
    /// except 127.0.0.1 fails to resolve.
    /// </summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ];

    /// <summary>
    /// <c>$PLAYWRIGHT_CHROMIUM_EXECUTABLE</c>, else Debian's <c>/usr/bin/chromium</c> when present, else
    /// <see langword="null"/> (Playwright's own downloaded browser).
    /// </summary>
    public static string? ResolveExecutable()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return File.Exists(DebianChromium) ? DebianChromium : null;
    }

    /// <summary>Launches headless Chromium with <see cref="Arguments"/>.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = ResolveExecutable(),
            Args = Arguments,
        });
}
