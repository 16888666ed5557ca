using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.Cluster;

/// <summary>
/// The node's one connection to Redis, opened in the background at start-up so that an unreachable Redis never delays
/// or stops the node: <c>AbortOnConnectFail=false</c> (keep retrying) and a fail-fast backlog (a command while
/// disconnected fails at once instead of waiting out its timeout).
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connect;

    /// <summary>Parses <c>Redis:Configuration</c>; nothing is opened until <see cref="Start"/>.</summary>
    public RedisConnection(IOptions<RedisOptions> options)
    {
        _configuration = ConfigurationOptions.Parse(options.Value.Configuration ?? throw new InvalidOperationException("Redis:Configuration is not set."));
        _configuration.AbortOnConnectFail = false;
        _configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _connect = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(_configuration));
    }

    /// <summary>The connection once the first attempt has ended (connected or not; it keeps retrying), else null.</summary>
    public IConnectionMultiplexer? Multiplexer =>
        _connect.IsValueCreated && _connect.Value.IsCompletedSuccessfully ? _connect.Value.Result : null;

    /// <summary>Whether Redis answers now.</summary>
    public bool IsConnected => Multiplexer?.IsConnected == true;

    /// <summary>Raised when the connection comes back after a loss.</summary>
    public event Action? Restored;

    /// <summary>Starts connecting (once); the task ends when the first attempt has, connected or not.</summary>
    public Task<ConnectionMultiplexer> Start()
    {
        var created = _connect.IsValueCreated;
        var task = _connect.Value;
        if (!created)
        {
            _ = task.ContinueWith(
                done => done.Result.ConnectionRestored += (_, _) => Restored?.Invoke(),
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        return task;
    }

    /// <summary>Waits at most the configured connect timeout for the first attempt (the Data Protection key ring needs it before the first request).</summary>
    public IConnectionMultiplexer? WaitForFirstAttempt()
    {
        var task = Start();
        return task.Wait(TimeSpan.FromMilliseconds(_configuration.ConnectTimeout + 1_000)) ? task.Result : null;
    }

    /// <summary>The endpoints of a configuration string without its password, for logs.</summary>
    public static string Describe(string? configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return "(none)";
        }

        try
        {
            return string.Join(",", ConfigurationOptions.Parse(configuration).EndPoints.Select(endpoint => endpoint.ToString()));
        }
        catch (ArgumentException)
        {
            return "(unparsable configuration)";
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_connect.IsValueCreated)
        {
            try
            {
                await (await _connect.Value).DisposeAsync();
            }
            catch (Exception) when (!_connect.Value.IsCompletedSuccessfully)
            {
                // The first attempt itself failed: nothing to close.
            }
        }
    }
}

