using System.Globalization;
using System.Net;
using Dashboard.Components.Shared;
using Dashboard.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.Actors;

/// <summary>The calls of one owner as a table: waiting callers first (their elapsed time against the timeout), then the latest outcomes.</summary>
public sealed partial class DeferredCallsPanel
{
    /// <summary>Everything the panel shows: the calls (by identity, with the moment while one moves), the runtime's count of waiting callers.</summary>
    public readonly record struct ShownState(CallsShown Calls, int DeferredCalls);

    private static int s_instances;
    private LiveRows _rows = null!;

    [Inject] private LiveRowsCircuit LiveRowsCircuit { get; set; } = null!;

    /// <summary>The actor whose calls to list. Required.</summary>
    [Parameter, EditorRequired] public ActorView View { get; set; } = null!;

    /// <summary>Most rows shown.</summary>
    /// <value>Defaults to 12.</value>
    [Parameter] public int MaxRows { get; set; } = 12;

    /// <summary>Waiting calls first (oldest first), then the most recent outcomes.</summary>
    internal IReadOnlyList<CallRecord> Rows { get; private set; } = [];

    protected override void OnInitialized() =>
        _rows = LiveRowsCircuit.Open("calls" + Interlocked.Increment(ref s_instances).ToString(CultureInfo.InvariantCulture), "tbody", null, Redraw);

    // The rows are picked and compared again only when what they show moved (the page re-renders for other panels too).
    protected override void OnShownChanged() => Draw();

    protected override ShownState Shown() => new(CallsShown.Of(View), View.Info?.DeferredCalls ?? 0);

    /// <summary>Picks the rows and queues their patch; the circuit keeps the calls shown, not their markup.</summary>
    private void Draw()
    {
        Rows = [.. View.Tracker.Calls.Where(c => !c.IsEnded).OrderBy(c => c.SentAt)
            .Concat(View.Tracker.Calls.Where(c => c.IsEnded))
            .Take(MaxRows)];
        // No rows (the table says so beside its rows' container) is a patch too: the browser drops the rows it had.
        _rows.Show([.. Rows.Select(call =>
        {
            var row = CallRow.Of(call, View.Between(call.SentAt, call.EndedAt));
            return new LiveRow(call.CallId.ToString(CultureInfo.InvariantCulture), row.GetHashCode(), row.Html);
        })]);
    }

    /// <summary>The bar turns to the timeout colour as the deadline nears and once it passed.</summary>
    internal static Color BarColor(CallRecord call, double ratio) => call.Stage switch
    {
        CallStage.TimedOut => Color.Error,
        CallStage.Replied => Color.Success,
        CallStage.Misrouted or CallStage.Error => Color.Warning,
        _ when ratio >= 80 => Color.Error,
        _ => Color.Info,
    };

    /// <summary>What one row shows; equal values draw the same row.</summary>
    private sealed record CallRow(long CallId, string Origin, CallStage Stage, string Phase, int Percent, Color Bar, string Times, string? Result, string? Hint)
    {
        public static CallRow Of(CallRecord call, TimeSpan elapsed)
        {
            var ratio = Math.Min(100, 100 * elapsed.TotalMilliseconds / Math.Max(1, call.Timeout.TotalMilliseconds));
            return new CallRow(
                call.CallId,
                call.Origin.ToString().ToLowerInvariant(),
                call.Stage,
                ActorFormat.Stage(call),
                (int)Math.Round(ratio),
                BarColor(call, ratio),
                $"{ActorFormat.Duration(elapsed)} / {ActorFormat.Duration(call.Timeout)}",
                call.Result,
                ActorFormat.Hint(call));
        }

        /// <summary>
        /// The row as MudSimpleTable, MudChip, MudProgressLinear (its bar pushed out of its track for the part not shown)
        /// and MudText draw it.
        /// </summary>
        public string Html()
        {
            var hint = Hint is null ? "" : $"""<span class="mud-typography mud-typography-caption d-block mud-text-secondary" data-testid="call-hint">{E(Hint)}</span>""";
            return string.Create(CultureInfo.InvariantCulture, $"""
                <tr data-testid="call-row" data-stage="{Stage.ToString().ToLowerInvariant()}" data-call-id="{CallId}"><td>#{CallId}</td><td>{E(Origin)}</td><td><span class="{PlainMud.Chip(ActorFormat.StageColor(Stage))}"><span class="mud-chip-content">{E(Phase)}</span></span></td><td><div role="progressbar" aria-label="elapsed of the timeout" aria-valuenow="{Percent}" class="mud-progress-linear mud-progress-linear-rounded mud-progress-linear-medium mud-progress-linear-color-{PlainMud.Name(Bar)} mud-progress-linear-background horizontal"><div class="mud-progress-linear-bars mud-flip-x-rtl"><div class="mud-progress-linear-bar" style="transform: translateX(-{100 - Percent}%);"></div></div></div><span class="mud-typography mud-typography-caption">{E(Times)}</span></td><td><span class="mud-typography mud-typography-caption">{E(Result ?? "")}</span>{hint}</td></tr>
                """);
        }

        private static string E(string text) => WebUtility.HtmlEncode(text);
    }
}
