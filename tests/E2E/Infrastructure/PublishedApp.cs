namespace E2E.Infrastructure;

/// <summary>
/// The dashboard as it ships: <c>dotnet publish -c Release</c> into a temporary folder, then
/// <c>dotnet Dashboard.dll</c> as a child process in the Production environment on a free loopback port.
/// Disposing kills the process and deletes the folder.
/// </summary>
public sealed class PublishedApp : IAsyncDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder;
    private readonly ChildProcess _process;

    private PublishedApp(string folder, ChildProcess process, Uri baseAddress)
    {
        _folder = folder;
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The address it listens on, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What the process has written to stdout and stderr so far (for failure messages).</summary>
    public string Output => _process.Output;

    /// <summary>Publishes, starts and waits until <c>/healthz</c> answers 200.</summary>
    public static async Task<PublishedApp> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-publish-").FullName;
        try
        {
            await PublishAsync(folder);
            return await RunAsync(folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>A plain HTTP client for <see cref="BaseAddress"/>.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task PublishAsync(string folder)
    {
        var project = Path.Combine(RepositoryRoot.Path, "src", "Dashboard", "Dashboard.csproj");
        await using var process = ChildProcess.StartDotnet(
            ["publish", project, "-c", "Release", "-o", folder, "--disable-build-servers", "-nologo", "-v", "quiet"],
            RepositoryRoot.Path);
        if (!await process.WaitForExitAsync(PublishTimeout))
        {
            throw new TimeoutException($"dotnet publish took longer than {PublishTimeout}:\n{process.Output}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish exited with {process.ExitCode}:\n{process.Output}");
        }
    }

    private static async Task<PublishedApp> RunAsync(string folder)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.OnLoopback()}/");
        var process = ChildProcess.StartDotnet(
            [Path.Combine(folder, "Dashboard.dll"), "--urls", baseAddress.ToString().TrimEnd('/')],
            workingDirectory: folder,
            environment: new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        var app = new PublishedApp(folder, process, baseAddress);
        try
        {
            await process.WaitUntilHealthyAsync(new Uri(baseAddress, "healthz"), StartTimeout, "The published app");
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
