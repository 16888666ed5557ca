using ActorRuntime;
using Microsoft.Extensions.Time.Testing;

namespace Unit.ActorRuntime;

/// <summary>Base of the runtime tests: an <see cref="ActorSystem"/> on a fake clock with one running <see cref="ProbeServer"/>.</summary>
public abstract class ActorSystemTest : IAsyncLifetime
{
    private readonly ActorSystemOptions? _options;

    private protected ActorSystemTest(ActorSystemOptions? options = null) => _options = options;

    private protected FakeTimeProvider Time { get; } = new();

    private protected ActorSystem System { get; private set; } = null!;

    private protected ProbeServer Server { get; private set; } = null!;

    private protected Pid Pid { get; private set; }

    public Task InitializeAsync()
    {
        System = new ActorSystem(_options, Time);
        Server = new ProbeServer();
        Pid = System.Spawn(Server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}
