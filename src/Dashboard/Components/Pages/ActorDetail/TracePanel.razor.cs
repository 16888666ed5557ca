using System.Text;
using System.Text.Json;
using ActorRuntime;
using Dashboard.Components.Actors;
using Dashboard.Operations;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.ActorDetail;

/// <summary>
/// The drill-down's bounded trace: the operator sets N messages and T seconds (defaults 100 / 10 s, at most
/// 1,000 / 60 s), starts it (<c>trace-start</c>), watches the rows arrive (<c>trace-row</c>, re-rendered at most four
/// times a second) and, once it stopped by itself (the panel shows that at once), downloads them as JSON (<c>trace-download</c>).
/// </summary>
public sealed partial class TracePanel : IDisposable
{
    /// <summary>Rows drawn at most (the newest); the download has all of them.</summary>
    internal const int MaxRowsShown = 200;

    private static readonly TimeSpan RenderEvery = TimeSpan.FromMilliseconds(250);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly CancellationTokenSource _stop = new();
    private int _messages = TraceLimits.DefaultMessages;
    private double _seconds = TraceLimits.DefaultDuration.TotalSeconds;
    private IReadOnlyList<string> _errors = [];
    private IReadOnlyList<TraceRow> _rows = [];
    private ActorTrace? _trace;
    private long _renderedAt;
    private int _pending;

    /// <summary>The actor to trace. Required.</summary>
    [Parameter, EditorRequired] public Pid Pid { get; set; }

    [Inject] private ActorOperations Operations { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    private bool Running => _trace is { EndReason: null };

    private string DownloadName => $"trace-{Pid.Id}.json";

    private string DownloadHref => "data:application/json;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(ToJson(Pid, _trace!, _rows)));

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel(); // first: the trace's last Changed then renders nothing
        _trace?.Dispose(); // detach from the actor
        _stop.Dispose();
    }

    /// <summary>The trace as the download has it: the actor, the bounds, why it ended and every row.</summary>
    internal static string ToJson(Pid pid, ActorTrace trace, IReadOnlyList<TraceRow> rows) => JsonSerializer.Serialize(new
    {
        pid = pid.ToString(),
        maxMessages = trace.Limits.Messages,
        maxSeconds = trace.Limits.Duration.TotalSeconds,
        ended = trace.EndReason,
        messages = rows.Select(row => new
        {
            row.Number,
            atMs = row.At.TotalMilliseconds,
            row.Kind,
            row.Type,
            row.RequestId,
            durationMs = row.Duration.TotalMilliseconds,
            row.Outcome,
        }),
    }, Json);

    private static string Status(ActorTrace trace) => trace.EndReason is { } reason
        ? $"Stopped by itself: {reason}. {trace.Rows().Count} messages traced."
        : $"Tracing {trace.Pid}: {trace.Rows().Count} / {trace.Limits.Messages} messages, {ActorFormat.Duration(trace.Elapsed)} of {ActorFormat.Duration(trace.Limits.Duration)}.";

    private async Task StartAsync()
    {
        var (limits, errors) = TraceLimits.Create(_messages, _seconds);
        _errors = errors;
        if (limits is null)
        {
            return;
        }

        _trace?.Dispose();
        var (trace, error) = await Operations.StartTraceAsync(Pid, limits);
        if (trace is null)
        {
            _errors = [error!];
            return;
        }

        (_trace, _rows) = (trace, []);
        trace.Changed += () => OnTraceChanged(trace);
        _ = RenderPendingAsync(trace, _stop.Token);
    }

    private void StopTrace() => _trace?.Dispose();

    /// <summary>
    /// Called on the actor's (or the time bound's) thread for every row and at the end: renders at once when the last
    /// render is <see cref="RenderEvery"/> old or the trace ended, else leaves it to <see cref="RenderPendingAsync"/>.
    /// </summary>
    private void OnTraceChanged(ActorTrace trace)
    {
        if (_stop.IsCancellationRequested)
        {
            return; // the panel is gone
        }

        var now = Time.GetTimestamp();
        if (trace.EndReason is null && Time.GetElapsedTime(Volatile.Read(ref _renderedAt), now) < RenderEvery)
        {
            Volatile.Write(ref _pending, 1);
            return;
        }

        Volatile.Write(ref _renderedAt, now);
        _ = InvokeAsync(() => Render(trace));
    }

    private void Render(ActorTrace trace)
    {
        Volatile.Write(ref _pending, 0);
        if (ReferenceEquals(trace, _trace) && !_stop.IsCancellationRequested)
        {
            _rows = trace.Rows();
            StateHasChanged();
        }
    }

    /// <summary>Renders rows that arrived within <see cref="RenderEvery"/> of the last render, at most that often, until the trace ends.</summary>
    private async Task RenderPendingAsync(ActorTrace trace, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenderEvery, Time);
        try
        {
            while (trace.EndReason is null && await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (Interlocked.Exchange(ref _pending, 0) == 1)
                {
                    Volatile.Write(ref _renderedAt, Time.GetTimestamp());
                    await InvokeAsync(() => Render(trace));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception error)
        {
            await DispatchExceptionAsync(error);
        }
    }
}
