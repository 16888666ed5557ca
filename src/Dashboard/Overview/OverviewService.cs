using System.Collections.Concurrent;
using ActorRuntime;
using ActorRuntime.Diagnostics;
using Dashboard.Heartbeats;
using Dashboard.Services;
using Microsoft.Extensions.Options;

namespace Dashboard.Overview;

/// <summary>
/// The node-wide index behind <c>/overview</c>: running totals kept from the system-wide event stream,
/// a sorted index of every live actor refreshed at a bounded rate, and the totals charts' samples.
/// </summary>
/// <remarks>
/// <para>
/// Cost model. Each runtime event costs one dictionary read and, at most once per refresh, one queue
/// push that marks the actor "changed". <see cref="Refresh"/> (every <see cref="OverviewOptions.RefreshInterval"/>,
/// driven by <see cref="OverviewRefreshLoop"/>) re-reads <see cref="ActorInfo"/> only for the actors that
/// changed since the last refresh, so idle actors cost nothing however many there are. Sorting happens
/// only when a page asks, once per refresh and sort order however many tabs watch, and a page then reads
/// fresh figures only for the rows it shows.
/// </para>
/// <para>
/// Sort keys are as of the last refresh; the rows of a page are read when the page asks, so a page can
/// show an order that is up to one refresh old. External jobs that never answer and heartbeat ages change
/// without an actor event: they are exact on the page, and in the sort order as of the actor's last event.
/// </para>
/// Thread-safe: events arrive on actor threads, refreshes on the loop, queries on circuits.
/// </remarks>
public sealed class OverviewService : IActorEventListener, IDisposable
{
    private readonly ActorSystem _system;
    private readonly ActorDirectory _directory;
    private readonly OverviewOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentQueue<Entry> _changed = new();
    private readonly ConcurrentQueue<Entry> _removed = new();
    private readonly Lock _refreshLock = new();
    private readonly Lock _queryLock = new();
    private readonly Dictionary<(OverviewColumn, bool, string), OverviewRow[]> _sorted = [];
    private readonly IDisposable _subscription;
    private long _calls;
    private long _timeouts;
    private long _queueDepth;
    private int _rowsStale = 1;
    private OverviewRow[] _rows = [];
    private long _lastSampleAt;
    private long _lastSampleCalls;
    private long _lastSampleTimeouts;
    private TotalsSample _lastSample = new(0, 0, 0, 0);

    /// <summary>Subscribes to every event of <paramref name="system"/> and indexes the actors already alive.</summary>
    public OverviewService(ActorSystem system, ActorDirectory directory, IOptions<OverviewOptions> options)
    {
        _system = system;
        _directory = directory;
        _options = options.Value;
        _time = system.Time;
        History = new TotalsHistory(_options.HistoryPoints);
        _lastSampleAt = _time.GetTimestamp();
        _subscription = system.Subscribe(this);
        foreach (var pid in system.ListPids())
        {
            Track(pid);
        }
    }

    /// <summary>The totals charts' points, oldest first; one every <see cref="OverviewOptions.SampleInterval"/>.</summary>
    public TotalsHistory History { get; }

    /// <summary>The settings the index runs with.</summary>
    public OverviewOptions Options => _options;

    /// <summary>The node-wide figures now: live actors are exact, the rest as of the last refresh and sample.</summary>
    public OverviewTotals Totals
    {
        get
        {
            var sample = Volatile.Read(ref _lastSample);
            return new OverviewTotals(
                _system.ActorCount,
                _system.Options.MaxActors,
                Interlocked.Read(ref _queueDepth),
                sample.CallsPerSecond,
                sample.TimeoutsPerSecond);
        }
    }

    /// <inheritdoc/>
    public void OnEvent(in ActorEvent actorEvent)
    {
        switch (actorEvent.Kind)
        {
            case ActorEventKind.Spawned:
                Track(actorEvent.Pid);
                return;
            case ActorEventKind.Stopped:
                if (_entries.TryRemove(actorEvent.Pid.Id, out var gone))
                {
                    _removed.Enqueue(gone);
                    Volatile.Write(ref _rowsStale, 1);
                }

                return;
            case ActorEventKind.CallStarted:
                Interlocked.Increment(ref _calls);
                break;
            case ActorEventKind.CallTimedOut:
                Interlocked.Increment(ref _timeouts);
                break;
        }

        if (!_entries.TryGetValue(actorEvent.Pid.Id, out var entry))
        {
            return;
        }

        if (actorEvent is { Kind: ActorEventKind.CallStarted, Message: HeartbeatRequest { Origin: CallOrigin.Heartbeat or CallOrigin.Virtual } })
        {
            Volatile.Write(ref entry.LastHeartbeat, actorEvent.Timestamp);
        }

        MarkChanged(entry);
    }

    /// <summary>
    /// Re-reads the actors that changed since the last call, updates the running queue-depth total, and adds a
    /// chart point when <see cref="OverviewOptions.SampleInterval"/> has passed. Called by <see cref="OverviewRefreshLoop"/>.
    /// </summary>
    /// <returns>How many actors were re-read.</returns>
    public int Refresh()
    {
        lock (_refreshLock)
        {
            var read = 0;
            while (_removed.TryDequeue(out var gone))
            {
                gone.Removed = true;
                Interlocked.Add(ref _queueDepth, -(gone.Row?.QueueDepth ?? 0));
            }

            while (_changed.TryDequeue(out var entry))
            {
                Volatile.Write(ref entry.Changed, 0); // events from now on mark it again
                if (entry.Removed || _system.GetInfo(entry.Pid) is not { } info)
                {
                    continue; // stopped: its Stopped event removes it
                }

                var row = ToRow(info, entry);
                Interlocked.Add(ref _queueDepth, row.QueueDepth - (entry.Row?.QueueDepth ?? 0));
                entry.Row = row;
                read++;
            }

            if (read > 0)
            {
                Volatile.Write(ref _rowsStale, 1);
            }

            SampleIfDue();
            return read;
        }
    }

    /// <summary>One page of actors in the asked order; the rows shown are read fresh.</summary>
    public OverviewSlice Query(OverviewQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 1_000);
        var sorted = Sorted(query);
        var rows = sorted.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).Select(ReadFresh).ToList();
        return new OverviewSlice(rows, sorted.Length);
    }

    /// <summary>Every row as of the last refresh, in no particular order (what the cluster publishes and merges).</summary>
    public IReadOnlyList<OverviewRow> Snapshot()
    {
        lock (_queryLock)
        {
            return CurrentRows();
        }
    }

    /// <summary>The row re-read now (a stopped actor comes back with status <see cref="ActorStatus.Stopped"/>).</summary>
    public OverviewRow Fresh(OverviewRow row) => ReadFresh(row);

    /// <summary>Time since the row's last heartbeat, or null when it never had one.</summary>
    public TimeSpan? HeartbeatAge(OverviewRow row) =>
        row.LastHeartbeat == 0 ? null : _time.GetElapsedTime(row.LastHeartbeat);

    /// <summary>Stops listening to the actor system.</summary>
    public void Dispose() => _subscription.Dispose();

    private void Track(Pid pid)
    {
        var entry = new Entry(pid);
        if (_entries.TryAdd(pid.Id, entry))
        {
            MarkChanged(entry);
            Volatile.Write(ref _rowsStale, 1);
        }
    }

    private void MarkChanged(Entry entry)
    {
        if (Volatile.Read(ref entry.Changed) == 0 && Interlocked.Exchange(ref entry.Changed, 1) == 0)
        {
            _changed.Enqueue(entry);
        }
    }

    private OverviewRow[] Sorted(OverviewQuery query)
    {
        lock (_queryLock)
        {
            var rows = CurrentRows();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                return OverviewSorting.FilterAndSort(rows, query); // at most one row: not worth a cache entry per keystroke
            }

            var key = (query.SortBy, query.Descending, query.Owner?.ToLowerInvariant() ?? "");
            if (!_sorted.TryGetValue(key, out var sorted))
            {
                sorted = OverviewSorting.FilterAndSort(rows, query);
                _sorted[key] = sorted;
            }

            return sorted;
        }
    }

    /// <summary>The rows as of the last refresh; rebuilt (and the sort cache cleared) when they changed. Call under the query lock.</summary>
    private OverviewRow[] CurrentRows()
    {
        if (Interlocked.Exchange(ref _rowsStale, 0) == 1)
        {
            _rows = [.. _entries.Values.Select(entry => entry.Row).OfType<OverviewRow>()];
            _sorted.Clear();
        }

        return _rows;
    }

    private OverviewRow ReadFresh(OverviewRow row)
    {
        if (_system.GetInfo(row.Pid) is not { } info)
        {
            return row with { Status = ActorStatus.Stopped };
        }

        return _entries.TryGetValue(row.Pid.Id, out var entry) ? ToRow(info, entry) : ToRow(info, lastHeartbeat: row.LastHeartbeat);
    }

    private OverviewRow ToRow(ActorInfo info, Entry entry) => ToRow(info, Volatile.Read(ref entry.LastHeartbeat));

    private OverviewRow ToRow(ActorInfo info, long lastHeartbeat)
    {
        var session = _directory.Find(info.Pid);
        return new()
        {
            Pid = info.Pid,
            Name = info.Name,
            Owner = info.Owner ?? "—",
            Status = info.Status,
            QueueDepth = info.QueueDepth,
            MailboxCapacity = info.MailboxCapacity,
            DeferredCalls = info.DeferredCalls,
            ExternalInFlight = session?.Worker.InFlight ?? 0,
            Timeouts = info.Timeouts,
            TimeoutsQueued = info.TimeoutsWhileQueued,
            TimeoutsInHandler = info.TimeoutsWhileHandling,
            TimeoutsDeferred = info.TimeoutsWhileDeferred,
            Expired = info.Expired,
            LateReplies = info.LateReplies,
            CancelledWork = session?.Worker.Cancelled ?? 0,
            DeadIncarnationResults = session?.Tracker.Counters.DeadIncarnationResults ?? 0,
            Crashes = info.Crashes,
            LastHeartbeat = lastHeartbeat,
            HandleTimeP99 = info.HandleTimeP99,
        };
    }

    private void SampleIfDue()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastSampleAt, now);
        if (elapsed < _options.SampleInterval - (_options.RefreshInterval / 2) || elapsed <= TimeSpan.Zero)
        {
            return;
        }

        var calls = Interlocked.Read(ref _calls);
        var timeouts = Interlocked.Read(ref _timeouts);
        var sample = new TotalsSample(
            _system.ActorCount,
            (calls - _lastSampleCalls) / elapsed.TotalSeconds,
            Interlocked.Read(ref _queueDepth),
            (timeouts - _lastSampleTimeouts) / elapsed.TotalSeconds);
        (_lastSampleAt, _lastSampleCalls, _lastSampleTimeouts) = (now, calls, timeouts);
        Volatile.Write(ref _lastSample, sample);
        History.Add(sample);
    }

    /// <summary>What the index knows of one live actor.</summary>
    private sealed class Entry(Pid pid)
    {
        public readonly Pid Pid = pid;
        public int Changed;
        public long LastHeartbeat;
        public bool Removed; // written and read under the refresh lock
        public OverviewRow? Row; // written under the refresh lock, read by queries
    }
}
