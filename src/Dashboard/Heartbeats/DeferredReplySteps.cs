namespace Dashboard.Heartbeats;

/// <summary>One step of the deferred reply, as the timeline numbers it.</summary>
/// <param name="Number">1…6, in the order the steps happen in <see cref="HeartbeatActor"/>.</param>
/// <param name="Word">The short word of the timeline's legend, e.g. <c>NoReply</c>.</param>
/// <param name="Title">The tooltip of the step's badge and arrow.</param>
/// <param name="Happened">What the call's details table says when the step happened.</param>
/// <param name="DiagramSteps">The step(s) of the design diagram this step is, e.g. <c>|1| and |3|</c>; null when the diagram does not draw it.</param>
public sealed record DeferredReplyStep(int Number, string Word, string Title, string Happened, string? DiagramSteps)
{
    // Written once: the timeline reads them for every row it lays out.

    /// <summary>The step's badge text, e.g. <c>|4|</c>.</summary>
    public string Badge { get; } = $"|{Number}|";

    /// <summary>The tooltip of the step's badge and arrows, e.g. <c>|4| NoReply: HandleCall returns NoReply…</c>.</summary>
    public string Tooltip { get; } = $"|{Number}| {Word}: {Title}";
}

/// <summary>
/// The six steps of the deferred reply — the one table the timeline, its legend, the call details, the
/// caveats panel and <see cref="HeartbeatActor"/>'s comments number by.
/// </summary>
/// <remarks>
/// The design diagram sends the work and waits for it in two messages (its |1| <c>Send(StartWork)</c> and |3|
/// <c>CallAsync</c>); our actor does both in one call, so these steps follow the order things really happen
/// and <see cref="DeferredReplyStep.DiagramSteps"/> maps each back to the diagram.
/// </remarks>
public static class DeferredReplySteps
{
    /// <summary>|1| the caller sends the request and blocks.</summary>
    public static readonly DeferredReplyStep Call = new(1, "call", "the caller sends the request and blocks", "call sent (caller blocks)", "|1| and |3| in one");

    /// <summary>|2| the actor takes the call off its mailbox.</summary>
    public static readonly DeferredReplyStep Take = new(2, "take", "the actor takes it off the mailbox (one message at a time)", "taken off the mailbox", null);

    /// <summary>|3| the actor hands the job to the external worker.</summary>
    public static readonly DeferredReplyStep StartWork = new(3, "start work", "the actor hands the job to the external worker", "external work started", "|2|");

    /// <summary>|4| <c>HandleCallAsync</c> returns NoReply and the actor keeps the caller's From.</summary>
    public static readonly DeferredReplyStep NoReply = new(4, "NoReply", "HandleCall returns NoReply and the actor keeps From", "NoReply returned, From kept", "|4|");

    /// <summary>|5| the worker's result reaches the actor.</summary>
    public static readonly DeferredReplyStep Result = new(5, "result", "the external result reaches the actor", "external result arrived", "|5|");

    /// <summary>|6| <c>Reply(from, result)</c> and the caller resumes.</summary>
    public static readonly DeferredReplyStep Reply = new(6, "reply", "Reply(from, result) and the caller resumes", "caller resumed", "|6|");

    /// <summary>The six steps in order: <c>All[n - 1].Number == n</c>.</summary>
    public static readonly IReadOnlyList<DeferredReplyStep> All = [Call, Take, StartWork, NoReply, Result, Reply];

    /// <summary>Step <paramref name="number"/> (1…6).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is not within 1…6.</exception>
    public static DeferredReplyStep Get(int number) =>
        number is >= 1 and <= 6 ? All[number - 1] : throw new ArgumentOutOfRangeException(nameof(number), number, "The deferred reply has steps 1 to 6.");
}
