using System.Collections.Concurrent;
using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Operations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Unit.Dashboard.Operations;

/// <summary>
/// A <see cref="SessionHarness"/> (a real actor system on a fake clock with one tab session) and an
/// <see cref="ActorOperations"/> on it whose scope's user is an admin or not, checked by the real
/// <see cref="AdminPolicy.Name"/> policy.
/// </summary>
internal sealed class OperatorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public OperatorHarness(bool admin)
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddAuthorizationCore(options => options.AddPolicy(AdminPolicy.Name, AdminPolicy.Require))
            .BuildServiceProvider();
        Operations = new ActorOperations(
            Sessions.System,
            Sessions.Directory,
            new FixedAuthenticationState(admin ? AdminSignIn.CreatePrincipal() : new ClaimsPrincipal(new ClaimsIdentity())),
            _services.GetRequiredService<IAuthorizationService>(),
            Log);
    }

    public SessionHarness Sessions { get; } = new();

    public RecordingLogger<ActorOperations> Log { get; } = new();

    public ActorOperations Operations { get; }

    public async ValueTask DisposeAsync()
    {
        await Sessions.DisposeAsync();
        await _services.DisposeAsync();
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}

/// <summary>Keeps every entry written to it, for assertions on event ids and messages.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
}
