using ActorRuntime;
using Dashboard.Services;
using Microsoft.Extensions.Options;

namespace Dashboard.VirtualUsers;

/// <summary>What <see cref="VirtualUserService.StartAsync(int)"/> did.</summary>
/// <param name="Started">Users started by this call.</param>
/// <param name="Running">Users running now.</param>
/// <param name="Reason">Why fewer than asked were started; null when all were.</param>
public sealed record VirtualUserStart(int Started, int Running, string? Reason);

/// <summary>
/// Starts and stops server-side virtual users — loops that behave like tabs, each with its own actor (owner
/// <see cref="OwnerKind.Virtual"/>). Bounded by <see cref="VirtualUserOptions.Max"/> and the node's
/// <c>Dashboard:MaxActors</c>; every user stops when the app shuts down.
/// </summary>
/// <remarks>A singleton; thread-safe. <see cref="Changed"/> fires after every start or stop.</remarks>
public sealed partial class VirtualUserService(
    ActorSessionFactory sessions, ActorSystem system, IOptions<VirtualUserOptions> options, TimeProvider time, ILogger<VirtualUserService> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<VirtualUser> _users = [];
    private volatile int _running;

    /// <summary>Raised (on any thread) after users were started or stopped.</summary>
    public event Action? Changed;

    /// <summary>Users running now.</summary>
    public int Running => _running;

    /// <summary>The configured cap, <see cref="VirtualUserOptions.Max"/>.</summary>
    public int Max => options.Value.Max;

    /// <summary>Starts up to <paramref name="count"/> more users, as many as the cap and the node's actor limit allow.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not within 1..<see cref="Max"/>.</exception>
    public async Task<VirtualUserStart> StartAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Math.Max(1, Max));
        var started = 0;
        string? reason = null;
        await _gate.WaitAsync();
        try
        {
            for (; started < count; started++)
            {
                if (_users.Count >= Max)
                {
                    reason = $"the virtual user cap of {Max} is reached (Dashboard:VirtualUsers:Max)";
                    break;
                }

                if (await VirtualUser.TryStartAsync(sessions.Create(), options.Value, time) is not { } user)
                {
                    reason = $"the node is at its limit of {system.Options.MaxActors} actors (Dashboard:MaxActors)";
                    break;
                }

                _users.Add(user);
                _running = _users.Count;
            }
        }
        finally
        {
            _gate.Release();
        }

        Log.Started(logger, started, count, _running);
        Changed?.Invoke();
        return new VirtualUserStart(started, _running, reason);
    }

    /// <summary>Stops the <paramref name="count"/> most recently started users (all of them by default); returns how many stopped.</summary>
    public async Task<int> StopAsync(int? count = null)
    {
        List<VirtualUser> stopping;
        await _gate.WaitAsync();
        try
        {
            var take = Math.Clamp(count ?? _users.Count, 0, _users.Count);
            stopping = _users.GetRange(_users.Count - take, take);
            _users.RemoveRange(_users.Count - take, take);
            _running = _users.Count;
        }
        finally
        {
            _gate.Release();
        }

        await Task.WhenAll(stopping.Select(user => user.DisposeAsync().AsTask()));
        if (stopping.Count > 0)
        {
            Log.Stopped(logger, stopping.Count, _running);
            Changed?.Invoke();
        }

        return stopping.Count;
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when the app shuts down: stops every user and its actor.</summary>
    Task IHostedService.StopAsync(CancellationToken cancellationToken) => StopAsync();

    /// <summary>Stops every user. Safe to call more than once (the container disposes it as itself and as a hosted service).</summary>
    public async ValueTask DisposeAsync() => await StopAsync();

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Started {Started} of {Asked} virtual users; {Running} running.")]
        public static partial void Started(ILogger logger, int started, int asked, int running);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Stopped {Stopped} virtual users; {Running} running.")]
        public static partial void Stopped(ILogger logger, int stopped, int running);
    }
}
