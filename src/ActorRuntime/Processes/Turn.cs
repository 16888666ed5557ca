namespace ActorRuntime.Processes;

/// <summary>
/// Where one turn of an actor's loop stands: one run on a pool thread, from being scheduled until it
/// goes idle or requeues itself behind other waiting work. The loop's own, on its stack.
/// </summary>
/// <remarks>
/// After every <see cref="ActorSystemOptions.Throughput"/> messages the loop lets waiting work go first —
/// unless the turn is still short: a turn of fast callbacks goes on for up to
/// <see cref="MaxBudgets"/> budgets while it has lasted less than <see cref="Slice"/>, because going to the
/// back of the pool's queue costs more than the messages it would interrupt (bench/DECISIONS.md,
/// 'Loop: fast-callback turn'). Slow callbacks still yield
/// every budget, so an actor working off a flood of them holds a thread as long as before.
/// </remarks>
internal struct Turn(int budget)
{
    /// <summary>How long a turn may go on past its budget when its callbacks are fast.</summary>
    public static readonly TimeSpan Slice = TimeSpan.FromMicroseconds(5);

    /// <summary>Budgets a short turn may spend before it yields anyway (a fake clock never moves).</summary>
    public const int MaxBudgets = 16;

    /// <summary>Messages left before the loop looks for waiting work.</summary>
    public int Budget = budget;

    /// <summary>Whether the turn's first message has been handled; that one is always timed.</summary>
    public bool Started;

    /// <summary>When the first message's callback started (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long StartedAt;

    private int _budgetsSpent;

    /// <summary>At a budget's end: whether the turn has gone on long enough to let waiting work go first.</summary>
    public bool IsLong(TimeProvider time) =>
        ++_budgetsSpent >= MaxBudgets || time.GetElapsedTime(StartedAt) >= Slice;
}
