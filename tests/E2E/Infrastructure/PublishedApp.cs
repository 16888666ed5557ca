using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

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
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _folder;
    private readonly Process _process;
    private readonly StringBuilder _output;

    private PublishedApp(string folder, Process process, StringBuilder output, Uri baseAddress)
    {
        _folder = folder;
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    /// <summary>The address it listens on, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What the process has written to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task PublishAsync(string folder)
    {
        var project = Path.Combine(RepositoryRoot.Path, "src", "Dashboard", "Dashboard.csproj");
        var output = new StringBuilder();
        using var process = StartDotnet(
            ["publish", project, "-c", "Release", "-o", folder, "--disable-build-servers", "-nologo", "-v", "quiet"],
            RepositoryRoot.Path, environment: new Dictionary<string, string>(), output);
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish took longer than {PublishTimeout}:\n{output}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish exited with {process.ExitCode}:\n{output}");
        }
    }

    private static async Task<PublishedApp> RunAsync(string folder)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        var output = new StringBuilder();
        var process = StartDotnet(
            [Path.Combine(folder, "Dashboard.dll"), "--urls", baseAddress.ToString().TrimEnd('/')],
            workingDirectory: folder,
            environment: new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            output);
        var app = new PublishedApp(folder, process, output, baseAddress);
        try
        {
            await app.WaitUntilHealthyAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The published app exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"The published app was not healthy within {StartTimeout}:\n{Output}");
    }

    private static Process StartDotnet(
        IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, StringBuilder output)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`, whose MSBuild variables would leak into a nested build
        // and whose ASP.NET Core variables would leak into the app.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>The <c>dotnet</c> that runs these tests (the SDK sets <c>DOTNET_HOST_PATH</c>), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
