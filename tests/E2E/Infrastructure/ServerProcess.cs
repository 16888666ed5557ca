using System.Text.Json;

namespace E2E.Infrastructure;

/// <summary>
/// One of the repository's web apps (a Dashboard node, the gateway) run from its build output as a separate
/// process on a fixed loopback address, logging JSON lines to the console so a test can read them back.
/// It can be killed (SIGKILL) and started again on the same address.
/// </summary>
/// <param name="name">What to call it in messages, e.g. <c>node-a</c>.</param>
/// <param name="baseAddress">Where it listens (see <see cref="NewLoopbackAddress"/>), the same across restarts.</param>
/// <param name="project">The project folder under the repository root, e.g. <c>src/Dashboard</c>.</param>
/// <param name="arguments">Settings after <c>--urls</c>, e.g. <c>--Dashboard:NodeName=node-a</c>.</param>
/// <param name="environment">The hosting environment (<c>ASPNETCORE_ENVIRONMENT</c>).</param>
/// <param name="healthPath">A path that answers 200 once the app is up.</param>
/// <param name="home">The process's <c>HOME</c> (where ASP.NET Core keeps its default key ring); by default the test's.</param>
public sealed class ServerProcess(string name, Uri baseAddress, string project, IReadOnlyList<string> arguments, string environment, string healthPath = "healthz", string? home = null) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<string> _previousOutput = [];
    private ChildProcess? _process;

    /// <summary>What the tests call it.</summary>
    public string Name { get; } = name;

    /// <summary>Its address, e.g. <c>http://127.0.0.1:40123/</c>, the same across restarts.</summary>
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>Whether the process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The process id of the current run.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} was never started.");

    /// <summary>Everything it wrote, over all its runs.</summary>
    public string Output => string.Concat(_previousOutput) + (_process?.Output ?? "");

    /// <summary>An address on a free loopback port, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public static Uri NewLoopbackAddress() => new($"http://127.0.0.1:{FreePort.OnLoopback()}/");

    /// <summary>
    /// The build output of <paramref name="project"/> in the configuration the tests were built in: the tests run
    /// from <c>tests/E2E/bin/&lt;Configuration&gt;/&lt;tfm&gt;/</c>, the app sits at the same place under its project.
    /// </summary>
    public static string BuildOutput(string project) =>
        Path.Combine(RepositoryRoot.Path, project, Path.GetRelativePath(Path.Combine(RepositoryRoot.Path, "tests", "E2E"), AppContext.BaseDirectory));

    /// <summary>Starts the app and waits until <c>healthPath</c> answers 200.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        if (_process is not null)
        {
            _previousOutput.Add(_process.Output);
            await _process.DisposeAsync();
        }

        var folder = BuildOutput(project);
        var dll = Path.Combine(folder, Path.GetFileName(project) + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build the tests (tests/E2E references {project}).", dll);
        }

        var variables = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment };
        if (home is not null)
        {
            variables["HOME"] = home;
        }

        _process = ChildProcess.StartDotnet(
            [dll, "--urls", BaseAddress.ToString().TrimEnd('/'), "--Logging:Console:FormatterName=json", .. arguments],
            workingDirectory: folder,
            environment: variables);
        await _process.WaitUntilHealthyAsync(new Uri(BaseAddress, healthPath), StartTimeout, Name);
    }

    /// <summary>Kills the process with SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }
    }

    /// <summary>
    /// Log entries at Error or above that carry an exception, and any "Unhandled exception" the runtime printed, over
    /// all runs: what an unhandled exception in a request, a circuit or a background service leaves in the log.
    /// </summary>
    public IReadOnlyList<string> Failures() =>
    [
        .. Lines(Output).Where(line => !line.StartsWith('{') && line.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase)),
        .. Entries(Output).Where(entry => entry.Level is "Error" or "Critical" && entry.Exception is { Length: > 0 }).Select(entry => entry.Line),
    ];

    /// <summary>The log entries of the current run (since the last <see cref="StartAsync"/>), oldest first.</summary>
    public IReadOnlyList<LogEntry> EntriesOfThisRun() => Entries(_process?.Output ?? "");

    /// <summary>One JSON console log entry.</summary>
    /// <param name="Level">e.g. <c>Warning</c>.</param>
    /// <param name="Category">The logger's category, e.g. <c>Dashboard.Cluster.ClusterSync</c>.</param>
    /// <param name="EventId">The event id.</param>
    /// <param name="Message">The formatted message.</param>
    /// <param name="Exception">The exception's text, if any.</param>
    /// <param name="Line">The whole line, for messages.</param>
    public sealed record LogEntry(string? Level, string? Category, int EventId, string? Message, string? Exception, string Line);

    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<LogEntry> Entries(string output)
    {
        var entries = new List<LogEntry>();
        foreach (var line in Lines(output).Where(line => line.StartsWith('{')))
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var eventId = root.TryGetProperty("EventId", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt32() : 0;
            entries.Add(new LogEntry(Text("LogLevel"), Text("Category"), eventId, Text("Message"), Text("Exception"), line));
        }

        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
