using System.Threading.Channels;

namespace ActorRuntime.Benchmarks.Runtimes;

/// <summary>
/// The baseline: each "actor" is an unbounded single-reader <see cref="Channel{T}"/> drained by one
/// async loop — the cheapest in-process hand-off, with no supervision, counters or call bookkeeping.
/// </summary>
public sealed class ChannelRuntime : BenchRuntime
{
    private static readonly UnboundedChannelOptions SingleReader = new() { SingleReader = true };

    private readonly List<Channel<object>> _actors = [];
    private readonly List<Task> _loops = [];
    private Channel<object>? _echo;
    private Channel<object>? _deferred;

    public override string Name => "Channel";

    public override void SpawnCounters(int count, int batch, Countdown done)
    {
        for (var i = 0; i < count; i++)
        {
            _actors.Add(Start(reader => CountAsync(reader, batch, done)));
        }
    }

    public override void Tell(int index, int messages)
    {
        var writer = _actors[index].Writer;
        for (var i = 0; i < messages; i++)
        {
            writer.TryWrite(Ping);
        }
    }

    public override void Block(int index, Gate gate) => _actors[index].Writer.TryWrite(gate);

    public override void SpawnEcho() => _echo = Start(EchoAsync);

    public override Task CallEchoAsync()
    {
        var call = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        _echo!.Writer.TryWrite(call);
        return call.Task;
    }

    public override void SpawnDeferred()
    {
        var channel = Channel.CreateUnbounded<object>(SingleReader);
        _loops.Add(Task.Run(() => DeferAsync(channel)));
        _deferred = channel;
    }

    public override Task CallDeferredAsync()
    {
        var call = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        _deferred!.Writer.TryWrite(call);
        return call.Task;
    }

    public override async Task SpawnAndStopAsync(int count)
    {
        var channels = new Channel<object>[count];
        var loops = new Task[count];
        for (var i = 0; i < count; i++)
        {
            channels[i] = Channel.CreateUnbounded<object>(SingleReader);
            loops[i] = DrainAsync(channels[i].Reader);
        }

        foreach (var channel in channels)
        {
            channel.Writer.TryComplete();
        }

        await Task.WhenAll(loops);
    }

    public override void SpawnIdle(int count, bool touch = false)
    {
        for (var i = 0; i < count; i++)
        {
            var channel = Start(DrainAsync);
            _actors.Add(channel);
            if (touch)
            {
                channel.Writer.TryWrite(Ping);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var channel in _actors)
        {
            channel.Writer.TryComplete();
        }

        _echo?.Writer.TryComplete();
        _deferred?.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private Channel<object> Start(Func<ChannelReader<object>, Task> loop)
    {
        var channel = Channel.CreateUnbounded<object>(SingleReader);
        _loops.Add(loop(channel.Reader));
        return channel;
    }

    private static async Task CountAsync(ChannelReader<object> reader, int batch, Countdown done)
    {
        var received = 0;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var message))
            {
                if (!WaitIfGate(message) && ++received == batch)
                {
                    received = 0;
                    done.Signal();
                }
            }
        }
    }

    private static async Task EchoAsync(ChannelReader<object> reader)
    {
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var message))
            {
                ((TaskCompletionSource<object>)message).TrySetResult(Answer);
            }
        }
    }

    private static async Task DeferAsync(Channel<object> channel)
    {
        var waiting = new Dictionary<long, TaskCompletionSource<object>>();
        long nextId = 0;
        var reader = channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var message))
            {
                if (message is TaskCompletionSource<object> call)
                {
                    var id = ++nextId;
                    waiting.Add(id, call);
                    RunExternally(static work => work.Writer.TryWrite(new WorkDone(work.Id)), (channel.Writer, Id: id));
                }
                else if (waiting.Remove(((WorkDone)message).Id, out var caller))
                {
                    caller.TrySetResult(Answer);
                }
            }
        }
    }

    private static async Task DrainAsync(ChannelReader<object> reader)
    {
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out _))
            {
            }
        }
    }
}
