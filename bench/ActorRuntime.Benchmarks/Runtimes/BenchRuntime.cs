namespace ActorRuntime.Benchmarks.Runtimes;

/// <summary>
/// One runtime under test, driven the same way for every scenario: the scenario classes only ever
/// talk to this surface, so each runtime does exactly the same work per message.
/// </summary>
/// <remarks>
/// Each scenario spawns its actors once in setup and then drives them many times; the messages are
/// preallocated singletons, so allocation columns show what the runtime itself allocates.
/// </remarks>
public abstract class BenchRuntime : IAsyncDisposable
{
    /// <summary>The result the deferred and immediate calls answer with (a cached object, so replies allocate nothing).</summary>
    public static readonly object Answer = new();

    /// <summary>The message every tell carries.</summary>
    public static readonly object Ping = new();

    /// <summary>The request every call carries.</summary>
    public static readonly object Question = new();

    /// <summary>How long a caller waits before giving up; never reached in a healthy run.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The name printed in tables.</summary>
    public abstract string Name { get; }

    /// <summary>Spawns <paramref name="count"/> actors that signal <paramref name="done"/> after each <paramref name="batch"/> messages.</summary>
    public abstract void SpawnCounters(int count, int batch, Countdown done);

    /// <summary>Sends <paramref name="messages"/> tells from the calling thread to counter number <paramref name="index"/>.</summary>
    public abstract void Tell(int index, int messages);

    /// <summary>
    /// Tells counter number <paramref name="index"/> a message that blocks its thread until
    /// <paramref name="gate"/> is opened, so that what is told next queues up behind it.
    /// </summary>
    public abstract void Block(int index, Gate gate);

    /// <summary>Spawns one actor that answers every call at once.</summary>
    public abstract void SpawnEcho();

    /// <summary>One call to the echo actor.</summary>
    public abstract Task CallEchoAsync();

    /// <summary>
    /// Spawns one actor that takes each call, hands the work to another thread, and answers the
    /// caller when the work reports back with a message (the product's deferred-reply pattern).
    /// </summary>
    public abstract void SpawnDeferred();

    /// <summary>One call to the deferred actor.</summary>
    public abstract Task CallDeferredAsync();

    /// <summary>Spawns <paramref name="count"/> actors and then stops them all, waiting until each is gone.</summary>
    public abstract Task SpawnAndStopAsync(int count);

    /// <summary>Spawns <paramref name="count"/> actors that stay idle until the runtime is disposed; with
    /// <paramref name="touch"/>, sends each one message first, so the table also shows an idle actor that has been used.</summary>
    public abstract void SpawnIdle(int count, bool touch = false);

    /// <summary>Stops every actor and the runtime itself.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>A runtime by its table name, for the command line.</summary>
    public static BenchRuntime Create(string name) => name switch
    {
        "Channel" => new ChannelRuntime(),
        "ActorRuntime" => new GenServerRuntime(),
        "Akka" => new AkkaRuntime(),
        "Proto" => new ProtoRuntime(),
        _ => throw new ArgumentException($"Unknown runtime '{name}'; use one of {string.Join(", ", AllNames)}.", nameof(name)),
    };

    /// <summary>Every runtime, baseline first.</summary>
    public static IReadOnlyList<string> AllNames { get; } = ["Channel", "ActorRuntime", "Akka", "Proto"];

    /// <summary>For the counters: waits on a gate sent by <see cref="Block"/>; false for any other message.</summary>
    protected static bool WaitIfGate(object? message)
    {
        if (message is not Gate gate)
        {
            return false;
        }

        gate.Wait();
        return true;
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool, like the product's external worker does.</summary>
    protected static void RunExternally<TState>(Action<TState> work, TState state) =>
        ThreadPool.UnsafeQueueUserWorkItem(work, state, preferLocal: false);
}
