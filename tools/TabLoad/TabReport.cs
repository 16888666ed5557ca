using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TabLoad;

/// <summary>What a flood did to one tab: how long the mailbox took to drain and how many frames the server sent meanwhile.</summary>
internal sealed record FloodReport(bool Drained, int PeakDepth, double Seconds, int RenderBatches, int PeakBatchesPerSecond)
{
    public double BatchesPerSecond => Seconds > 0 ? RenderBatches / Seconds : 0;
}

/// <summary>One run's figures, per tab where that is what the targets are about.</summary>
internal sealed record TabReport
{
    public required int Tabs { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public required TabActivity Activity { get; init; }
    public required string Path { get; init; }
    public required double OpenSeconds { get; init; }
    public required double WindowSeconds { get; init; }
    public required string LoadBefore { get; init; }
    public required string LoadAfter { get; init; }

    /// <summary>The server process's utime+stime over the window, in % of one core.</summary>
    public double? ServerCpuPercent { get; init; }
    public double? ServerCpuPercentPerTab => ServerCpuPercent / Tabs;

    /// <summary>The server's CPU before any tab opened (its own timers): what no tab causes.</summary>
    public double? RestCpuPercent { get; init; }
    public double? ServerCpuPercentPerTabAboveRest => (ServerCpuPercent - RestCpuPercent) / Tabs;
    public long? EmptyRssBytes { get; init; }
    public long? RssBytes { get; init; }
    public double? RssBytesPerTab => RssBytes - EmptyRssBytes is { } delta ? (double)delta / Tabs : null;
    public double? EmptyGcHeapBytes { get; init; }
    public double? GcHeapBytes { get; init; }
    public double? GcHeapBytesPerTab => GcHeapBytes - EmptyGcHeapBytes is { } delta ? delta / Tabs : null;
    /// <summary>The server's live heap (full GC, dotnet-gcdump) before any tab opened and with every tab still open.</summary>
    public long? EmptyLiveHeapBytes { get; init; }
    public long? LiveHeapBytes { get; init; }
    public double? LiveHeapBytesPerTab => LiveHeapBytes - EmptyLiveHeapBytes is { } delta ? (double)delta / Tabs : null;

    /// <summary>The live heap with only the first tab open, after it was used once (what opening the page costs once).</summary>
    public long? FirstTabLiveHeapBytes { get; init; }

    /// <summary>What each tab after the first keeps: the live heap's growth from the first tab to all of them, per tab.</summary>
    public double? LiveHeapBytesPerFurtherTab => LiveHeapBytes - FirstTabLiveHeapBytes is { } delta && Tabs > 1 ? (double)delta / (Tabs - 1) : null;
    public double? AllocatedBytesPerSecond { get; init; }
    public double? AllocatedBytesPerTabPerSecond => AllocatedBytesPerSecond / Tabs;
    /// <summary>Bytes the server sent on its TCP connections over the window (the kernel's count: after compression).</summary>
    public long? WireBytesSent { get; init; }
    public double? WireBytesSentPerTabPerSecond => WireBytesSent / WindowSeconds / Tabs;
    public required long BytesReceived { get; init; }
    public required long BytesSent { get; init; }
    public required long FramesReceived { get; init; }
    public required long RenderBatches { get; init; }
    public double RenderBatchesPerTabPerSecond => RenderBatches / WindowSeconds / Tabs;
    public double BytesReceivedPerTabPerSecond => BytesReceived / WindowSeconds / Tabs;
    public double BytesSentPerTabPerSecond => BytesSent / WindowSeconds / Tabs;
    public double FramesReceivedPerTabPerSecond => FramesReceived / WindowSeconds / Tabs;
    public required int LagTabs { get; init; }
    [JsonIgnore]
    public IReadOnlyList<double> LagsMs { get; init; } = [];
    public int LagChanges => LagsMs.Count;
    public double? LagP50Ms => Percentile(0.50);
    public double? LagP95Ms => Percentile(0.95);
    public double? LagMaxMs => LagsMs.Count == 0 ? null : LagsMs.Max();
    public FloodReport? Flood { get; init; }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    public string ToText()
    {
        var text = new StringBuilder();
        void Line(string label, string value) => text.AppendLine(CultureInfo.InvariantCulture, $"  {label,-34} {value}");
        text.AppendLine(CultureInfo.InvariantCulture, $"TabLoad: {Tabs} visible tabs on {Path}, {Activity.ToString().ToLowerInvariant()}, window {WindowSeconds:0} s (opened in {OpenSeconds:0} s)");
        Line("load average before / after", $"{LoadBefore} / {LoadAfter}");
        Line("server CPU (whole process)", ServerCpuPercent is { } cpu ? $"{cpu:0.00} % of a core" : "n/a (no --server-pid)");
        Line("server CPU at rest (before tabs)", RestCpuPercent is { } rest ? $"{rest:0.00} % of a core" : "n/a (--rest 0)");
        Line("server CPU per tab", ServerCpuPercentPerTab is { } perTab ? $"{perTab:0.000} % of a core ({ServerCpuPercentPerTabAboveRest:0.000} % above rest)" : "n/a");
        Line("server RSS empty → now", RssBytes is { } rss ? $"{EmptyRssBytes / 1048576.0:0.0} → {rss / 1048576.0:0.0} MiB" : "n/a");
        Line("server RSS per tab", RssBytesPerTab is { } rssPerTab ? $"{rssPerTab / 1024:0} KiB" : "n/a");
        Line("GC heap (last GC) empty → now", GcHeapBytes is { } heap ? $"{EmptyGcHeapBytes / 1048576.0:0.0} → {heap / 1048576.0:0.0} MiB ({GcHeapBytesPerTab / 1024:0} KiB per tab)" : "n/a (no /metrics)");
        Line("live heap (full GC) empty → now", LiveHeapBytes is { } live ? $"{EmptyLiveHeapBytes / 1048576.0:0.0} → {live / 1048576.0:0.0} MiB ({LiveHeapBytesPerTab / 1024:0} KiB per tab)" : "n/a (--live-heap, dotnet-gcdump)");
        if (LiveHeapBytesPerFurtherTab is { } further)
        {
            Line("live heap, first tab → now", $"{FirstTabLiveHeapBytes / 1048576.0:0.0} → {LiveHeapBytes / 1048576.0:0.0} MiB ({further / 1024:0} KiB per further tab)");
        }
        Line("server allocations per tab", AllocatedBytesPerTabPerSecond is { } alloc ? $"{alloc / 1024:0.0} KiB/s" : "n/a");
        Line("circuit bytes per tab", $"{BytesReceivedPerTabPerSecond:0} B/s from the server, {BytesSentPerTabPerSecond:0} B/s to it (payload, as Chromium decodes it)");
        Line("server bytes on the wire per tab", WireBytesSentPerTabPerSecond is { } wire ? $"{wire:0} B/s (TCP bytes_sent, after any compression)" : "n/a (no ss)");
        Line("from the server per tab", $"{RenderBatchesPerTabPerSecond:0.00} render batches/s in {FramesReceivedPerTabPerSecond:0.00} frames/s");
        Line("DOM lag (change → DOM)", LagChanges == 0 ? "n/a (no change marker on the page)"
            : $"p50 {LagP50Ms:0} ms, p95 {LagP95Ms:0} ms, max {LagMaxMs:0} ms over {LagChanges} changes in {LagTabs} tabs{(LagChanges < 200 ? " (fewer than 200: run longer)" : "")}");
        if (Flood is { } flood)
        {
            Line("flood (10,000 messages, tab 1)", $"{(flood.Drained ? "drained" : "did NOT drain")} in {flood.Seconds:0.0} s (peak depth {flood.PeakDepth:N0}); {flood.RenderBatches} render batches, {flood.BatchesPerSecond:0.0}/s, peak {flood.PeakBatchesPerSecond} in 1 s");
        }

        return text.ToString();
    }

    private double? Percentile(double p)
    {
        if (LagsMs.Count == 0)
        {
            return null;
        }

        var sorted = LagsMs.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
