using System.Net.Sockets;
using System.Text;

namespace E2E.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> for the cluster tests, on a free loopback port, in memory only (no RDB snapshot, no
/// AOF), as a child process. <see cref="StopAsync"/> kills it like a crash; <see cref="StartAsync"/> brings it back
/// on the same port, empty.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>The environment variable that names the redis-server binary; <c>./test.sh</c> sets it.</summary>
    public const string ExecutableVariable = "REDIS_SERVER_EXECUTABLE";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly string _executable;
    private ChildProcess? _process;

    private RedisServer(string executable, int port)
    {
        _executable = executable;
        Port = port;
    }

    /// <summary>The port it listens on (on 127.0.0.1), the same across restarts.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it, e.g. <c>127.0.0.1:40123</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Whether the server process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the server has written so far (for failure messages).</summary>
    public string Output => _process?.Output ?? "";

    /// <summary>Starts a server on a free port and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer(ResolveExecutable(), FreePort.OnLoopback());
        await server.StartAsync();
        return server;
    }

    /// <summary>
    /// <c>$REDIS_SERVER_EXECUTABLE</c>, else <c>redis-server</c> on the PATH; throws with how to install it otherwise.
    /// </summary>
    public static string ResolveExecutable()
    {
        if (Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{ExecutableVariable}={configured} is not a file.");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "redis-server"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            "The cluster tests need redis-server and none was found. Install it (Debian/Ubuntu: sudo apt-get install redis-server; " +
            $"./test.sh does that itself when run as root) or set {ExecutableVariable}=/path/to/redis-server.");
    }

    /// <summary>Starts the server on <see cref="Port"/> (again, after <see cref="StopAsync"/>) and waits until it answers PING.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"redis-server is already running on port {Port}.");
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _process = ChildProcess.Start(
            _executable,
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
            workingDirectory: Path.GetTempPath());
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await PingAsync())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}:\n{_process.Output}");
            }

            if (waited.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"redis-server did not answer PING on port {Port} within {StartTimeout}:\n{_process.Output}");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Kills the server (SIGKILL, like a crash): every client's connection drops at once.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
        }
    }

    /// <summary>Whether the server answers <c>PING</c> with <c>+PONG</c> (plain RESP over TCP).</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception error) when (error is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
