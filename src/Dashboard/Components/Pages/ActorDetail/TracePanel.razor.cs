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
/// times a second) and, once it stopped by itself, downloads them as JSON (<c>trace-download</c>).
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
        _stop.Cancel();
        _stop.Dispose();
        _trace?.Dispose(); // detach from the actor
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
        _ = RenderWhileRunningAsync(trace, _stop.Token);
    }

    private void StopTrace() => _trace?.Dispose();

    /// <summary>Renders the rows every <see cref="RenderEvery"/> while the trace runs, and once more when it ended.</summary>
    private async Task RenderWhileRunningAsync(ActorTrace trace, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenderEvery, Time);
        try
        {
            var running = true;
            while (running && await timer.WaitForNextTickAsync(cancellationToken))
            {
                running = trace.EndReason is null;
                await InvokeAsync(() =>
                {
                    if (ReferenceEquals(trace, _trace))
                    {
                        _rows = trace.Rows();
                        StateHasChanged();
                    }
                });
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
