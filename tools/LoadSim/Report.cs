using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LoadSim;

/// <summary>The live progress and the final report.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string ProgressLine(LoadStats stats, TimeSpan elapsed, TimeSpan duration) => string.Create(Invariant,
        $"[{elapsed.TotalSeconds,5:0}s/{duration.TotalSeconds:0}s] connected {stats.Connected} calls {stats.Ended}/{stats.Started} " +
        $"in flight {stats.InFlight} p99 overhead {stats.Latency().Overhead.P99:0.0} ms timeouts {stats.Timeouts} lost {stats.Lost} " +
        $"failed connects {stats.ConnectFailures} closes {stats.UnexpectedCloses} server actors {stats.ServerActors}");

    public static IRenderable ProgressTable(LoadStats stats, TimeSpan elapsed, LoadOptions options, ServerProbe server)
    {
        var (roundTrip, overhead) = stats.Latency();
        var table = new Table().Border(TableBorder.Rounded).Title($"LoadSim → {options.Url}").AddColumn("").AddColumn("");
        table.AddRow("elapsed", $"{elapsed.TotalSeconds:0}s of {options.Duration.TotalSeconds:0}s");
        table.AddRow("connections", $"{stats.Connected} of {options.Users} (failed {stats.ConnectFailures}, dropped {stats.UnexpectedCloses})");
        table.AddRow("calls", $"{stats.Ended:N0} ended, {stats.InFlight:N0} in flight, {stats.Replied:N0} replied");
        table.AddRow("round trip p50/p99", $"{roundTrip.P50:0.0} / {roundTrip.P99:0.0} ms");
        table.AddRow("overhead p50/p99", $"{overhead.P50:0.0} / {overhead.P99:0.0} ms");
        table.AddRow("timeouts / lost", $"{stats.Timeouts} / {stats.Lost}");
        table.AddRow("server actors", $"{stats.ServerActors}");
        if (server.Enabled)
        {
            table.AddRow("server cpu / rss", $"{server.CpuPercent:0}% / {server.LastRssBytes / 1048576.0:0} MiB");
        }

        return table;
    }

    public static void Print(LoadOptions options, LoadResult result)
    {
        var stats = result.Stats;
        var (roundTrip, overhead) = stats.Latency();
        var table = new Table().Border(TableBorder.Rounded).Title("LoadSim report").AddColumn("measure").AddColumn(new TableColumn("value"));
        foreach (var (name, value) in Rows(options, result, roundTrip, overhead))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(result.Passed
            ? "[green]PASS[/]: every call had an outcome and every connection held."
            : $"[red]FAIL[/]: {stats.Lost} call(s) lost, {stats.ConnectFailures} connection(s) failed, {stats.UnexpectedCloses} dropped.");
    }

    public static string ToJson(LoadOptions options, LoadResult result)
    {
        var (roundTrip, overhead) = result.Stats.Latency();
        var stats = result.Stats;
        return JsonSerializer.Serialize(
            new
            {
                options = new
                {
                    url = options.Url.ToString(), options.Users, durationSeconds = options.Duration.TotalSeconds, rampSeconds = options.Ramp.TotalSeconds,
                    heartbeatMinSeconds = options.HeartbeatMin.TotalSeconds, heartbeatMaxSeconds = options.HeartbeatMax.TotalSeconds,
                    options.RequestRate, requestTimeoutMs = options.RequestTimeout.TotalMilliseconds, options.Telemetry,
                },
                passed = result.Passed,
                elapsedSeconds = result.Elapsed.TotalSeconds,
                peakConnections = stats.PeakConnected,
                connectFailures = stats.ConnectFailures,
                unexpectedCloses = stats.UnexpectedCloses,
                calls = stats.Ended,
                callsPerSecond = stats.Ended / result.Measured.TotalSeconds,
                replied = stats.Replied,
                timeouts = stats.Timeouts,
                lost = stats.Lost,
                errors = stats.Errors.ToDictionary(entry => entry.Key, entry => entry.Value),
                roundTripMs = roundTrip,
                overheadMs = overhead,
                overheadAfterRampMs = result.Stats.SteadyOverhead(),
                telemetryFrames = stats.TelemetryFrames,
                telemetryFramesPerSecond = stats.TelemetryFrames / result.Measured.TotalSeconds,
                serverActorsPeak = stats.PeakServerActors,
                serverCpuPercent = result.Server.Enabled ? result.Server.CpuPercent : (double?)null,
                serverRssStartMiB = result.Server.Enabled ? result.Server.StartRssBytes / 1048576.0 : (double?)null,
                serverRssPeakMiB = result.Server.Enabled ? result.Server.PeakRssBytes / 1048576.0 : (double?)null,
                clientCpuPercent = result.ClientCpu.TotalSeconds / result.Elapsed.TotalSeconds * 100,
            },
            Json);
    }

    private static IEnumerable<(string, string)> Rows(LoadOptions options, LoadResult result, Percentiles roundTrip, Percentiles overhead)
    {
        var stats = result.Stats;
        var seconds = result.Measured.TotalSeconds;
        yield return ("users / duration / ramp", F($"{options.Users} / {options.Duration.TotalSeconds:0}s / {options.Ramp.TotalSeconds:0}s{(result.Cancelled ? " (cancelled early)" : "")}"));
        yield return ("heartbeat / requests", F($"every {Range(options)} / {options.RequestRate:0.##} per s over all users (timeout {options.RequestTimeout.TotalMilliseconds:0} ms)"));
        yield return ("connections held (peak)", F($"{stats.PeakConnected} of {options.Users}"));
        yield return ("failed connects / dropped", F($"{stats.ConnectFailures} / {stats.UnexpectedCloses}"));
        yield return ("calls (with an outcome)", F($"{stats.Ended:N0} = {stats.Ended / seconds:0.0} per s"));
        yield return ("replied", F($"{stats.Replied:N0}"));
        yield return ("round trip p50 / p95 / p99 / max", F($"{roundTrip.P50:0.0} / {roundTrip.P95:0.0} / {roundTrip.P99:0.0} / {roundTrip.Max:0.0} ms"));
        yield return ("overhead p50 / p95 / p99 / max", F($"{overhead.P50:0.0} / {overhead.P95:0.0} / {overhead.P99:0.0} / {overhead.Max:0.0} ms (round trip − simulated external latency)"));
        var steady = stats.SteadyOverhead();
        yield return ("  after the ramp", F($"{steady.P50:0.0} / {steady.P95:0.0} / {steady.P99:0.0} / {steady.Max:0.0} ms ({steady.Count:N0} calls sent once every user was connected)"));
        yield return ("timeouts", F($"{stats.Timeouts}"));
        yield return ("lost (no outcome)", F($"{stats.Lost}"));
        foreach (var (kind, count) in stats.Errors)
        {
            yield return ($"  error: {kind}", F($"{count}"));
        }

        yield return ("telemetry frames", F($"{stats.TelemetryFrames:N0} = {stats.TelemetryFrames / seconds:0} per s"));
        yield return ("server actors (peak seen)", F($"{stats.PeakServerActors}"));
        if (result.Server.Enabled)
        {
            var perUser = stats.PeakConnected == 0 ? 0 : (result.Server.PeakRssBytes - result.Server.StartRssBytes) / 1024.0 / stats.PeakConnected;
            yield return ("server CPU (avg, % of one core)", F($"{result.Server.CpuPercent:0}%"));
            yield return ("server RSS start / peak", F($"{result.Server.StartRssBytes / 1048576.0:0} / {result.Server.PeakRssBytes / 1048576.0:0} MiB ({perUser:0} KiB per user)"));
        }

        yield return ("LoadSim CPU (avg)", F($"{result.ClientCpu.TotalSeconds / result.Elapsed.TotalSeconds * 100:0}%"));
    }

    private static string Range(LoadOptions options) => options.HeartbeatMin == options.HeartbeatMax
        ? F($"{options.HeartbeatMin.TotalSeconds:0.#}s")
        : F($"{options.HeartbeatMin.TotalSeconds:0.#}-{options.HeartbeatMax.TotalSeconds:0.#}s");

    private static string F(FormattableString text) => text.ToString(Invariant);
}
