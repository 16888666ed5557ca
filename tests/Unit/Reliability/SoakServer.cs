using System.Collections.Concurrent;
using ActorRuntime;

namespace Unit.Reliability;

/// <summary>What a soak caller asks: how the actor's external work for it should behave.</summary>
internal sealed record SoakRequest(long Id, int LatencyMs, bool Fail, bool NeverAnswer, bool Immediate);

/// <summary>External work reporting back for request <see cref="Id"/>.</summary>
internal sealed record SoakDone(long Id, bool Fail);

/// <summary>The answer to request <see cref="Id"/>; <see cref="Ok"/> is false when its external work failed.</summary>
internal sealed record SoakReply(long Id, bool Ok);

/// <summary>Makes the soak actor throw.</summary>
internal sealed record SoakCrash;

/// <summary>Answers each caller with its own request id, after real asynchronous work; counts every delivered reply.</summary>
internal sealed class SoakServer(ConcurrentDictionary<long, int> delivered) : GenServer<Dictionary<long, From>>
{
    protected override ValueTask<Dictionary<long, From>> InitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new Dictionary<long, From>());

    protected override ValueTask<CallResult<Dictionary<long, From>>> HandleCallAsync(object request, From from, Dictionary<long, From> waiting)
    {
        var soak = (SoakRequest)request;
        if (soak.Immediate)
        {
            return ValueTask.FromResult(Reply(new SoakReply(soak.Id, true), waiting));
        }

        waiting[soak.Id] = from;
        if (!soak.NeverAnswer)
        {
            var self = Self;
            var system = System;
            _ = Task.Run(async () =>
            {
                if (soak.LatencyMs > 0)
                {
                    await Task.Delay(soak.LatencyMs);
                }

                system.TrySend(self, new SoakDone(soak.Id, soak.Fail));
            });
        }

        return ValueTask.FromResult(NoReply(waiting));
    }

    protected override ValueTask<Dictionary<long, From>> HandleCastAsync(object message, Dictionary<long, From> waiting) =>
        message is SoakCrash ? throw new InvalidOperationException("soak crash") : ValueTask.FromResult(waiting);

    protected override ValueTask<Dictionary<long, From>> HandleInfoAsync(object message, Dictionary<long, From> waiting)
    {
        if (message is SoakDone done && waiting.Remove(done.Id, out var from))
        {
            if (System.Reply(from, new SoakReply(done.Id, !done.Fail)))
            {
                delivered.AddOrUpdate(done.Id, 1, (_, count) => count + 1);
            }
        }

        return ValueTask.FromResult(waiting);
    }
}
