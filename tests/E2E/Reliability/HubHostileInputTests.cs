using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using ActorRuntime;
using Dashboard.Extensions;
using Dashboard.Hubs;
using E2E.Hub;
using E2E.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;
using TestSupport;

namespace E2E.Reliability;

/// <summary>
/// Hostile input to <c>/hubs/heartbeat</c>, one row per kind: wrong types, nulls, wrong argument counts, huge
/// numbers, unknown and internal methods, another connection's pid, calls and streams mixed up, an upload
/// stream, a 1 MB message and 1,000 invocations at once. Each row must get a clear error and leave the server as
/// it was: the sender's connection (a new one, when the server closed it) and its actor answer a request, a
/// bystander connection's actor neither moved nor slowed down, and the server logged no unhandled exception.
/// </summary>
/// <remarks>
/// Builds on <see cref="HubBadInputTests"/> (out-of-range arguments, the 32 KB limit, a second telemetry stream) and
/// <see cref="HubCallTests"/> (a pid passed to <c>Request</c>); this table adds the rest and checks the log.
/// </remarks>
[Collection(ReliabilityCollection.Name)]
public sealed class HubHostileInputTests(ReliabilityFixture fixture, ITestOutputHelper output)
{
    /// <summary>What SignalR answers when the arguments do not bind to the method's parameters (detailed errors are off).</summary>
    private const string BindingFailed = "due to an error on the server";

    private const string NoSuchMethod = "Method does not exist.";

    private static readonly Dictionary<string, Hostile> Table = new()
    {
        // Wrong types and nulls: refused while binding, before the method runs.
        ["Request(\"abc\")"] = Hostile.Invoke("Request", ["abc"], "Failed to invoke 'Request' " + BindingFailed),
        ["Request(true)"] = Hostile.Invoke("Request", [true], "Failed to invoke 'Request' " + BindingFailed),
        ["Request({ timeoutMs: 5000 })"] = Hostile.Invoke("Request", [new { timeoutMs = 5_000 }], "Failed to invoke 'Request' " + BindingFailed),
        ["Request(2.5)"] = Hostile.Invoke("Request", [2.5], "Failed to invoke 'Request' " + BindingFailed),
        ["Request(null)"] = Hostile.Invoke("Request", [null], "Failed to invoke 'Request' " + BindingFailed),
        ["Configure(null, null, null)"] = Hostile.Invoke("Configure", [null, null, null], "Failed to invoke 'Configure' " + BindingFailed),
        ["Configure(\"fast\", \"0\", \"0\")"] = Hostile.Invoke("Configure", ["fast", "0", "0"], "Failed to invoke 'Configure' " + BindingFailed),

        // Wrong argument counts.
        ["Request()"] = Hostile.Invoke("Request", [], "Failed to invoke 'Request' " + BindingFailed),
        ["Request(5000, 5000)"] = Hostile.Invoke("Request", [5_000, 5_000], "Failed to invoke 'Request' " + BindingFailed),
        ["Heartbeat(5000)"] = Hostile.Invoke("Heartbeat", [5_000], "Failed to invoke 'Heartbeat' " + BindingFailed),

        // Huge numbers: beyond an int (refused while binding), or a double that overflows to infinity or is in range for its
        // type but not for the setting (validated).
        ["Request(long.MaxValue)"] = Hostile.Invoke("Request", [long.MaxValue], "Failed to invoke 'Request' " + BindingFailed),
        ["Request(1e400)"] = Hostile.Invoke("Request", [JsonNumber("1e400")], "Failed to invoke 'Request' " + BindingFailed),
        ["Configure(0, 1e400, 0)"] = Hostile.Invoke("Configure", [0, JsonNumber("1e400"), 0.0], "Invalid arguments for 'Configure': Failure rate must be between 0 and 1 (was Infinity)"),
        ["Configure(int.MaxValue, double.MaxValue, -double.MaxValue)"] = Hostile.Invoke(
            "Configure", [int.MaxValue, double.MaxValue, -double.MaxValue], "Invalid arguments for 'Configure': Latency must be between 0 and 60 s"),
        ["Configure(int.MinValue, 0, 0)"] = Hostile.Invoke("Configure", [int.MinValue, 0.0, 0.0], "Invalid arguments for 'Configure': Latency must be between 0 and 60 s"),

        // Unknown methods, the hub's own plumbing, and trying to address another connection's actor: no method takes a pid.
        ["RequestFor(<bystander's pid>, 5000)"] = Hostile.Invoke("RequestFor", [Hostile.BystanderPid, 5_000], NoSuchMethod),
        ["ConfigureFor(<bystander's pid>, 0, 1, 0)"] = Hostile.Invoke("ConfigureFor", [Hostile.BystanderPid, 0, 1.0, 0.0], NoSuchMethod),
        ["Stop(<bystander's pid>)"] = Hostile.Invoke("Stop", [Hostile.BystanderPid], NoSuchMethod),
        ["OnDisconnectedAsync(null)"] = Hostile.Invoke("OnDisconnectedAsync", [null], NoSuchMethod),
        ["OnConnectedAsync()"] = Hostile.Invoke("OnConnectedAsync", [], NoSuchMethod),
        ["Dispose()"] = Hostile.Invoke("Dispose", [], NoSuchMethod),
        ["a 20 KB method name"] = Hostile.Invoke(new string('m', 20_000), [], NoSuchMethod),

        // Calls and streams mixed up, and an upload stream nobody asked for.
        ["StreamTelemetry as a call"] = Hostile.Invoke(
            "StreamTelemetry", [], "The client attempted to invoke the streaming 'StreamTelemetry' method with a non-streaming invocation."),
        ["Request as a stream"] = new(
            (scene, _) => RefusedAsync(() => DrainAsync(scene.Connection.StreamAsyncCore<object>("Request", [5_000]))),
            "The client attempted to invoke the non-streaming 'Request' method with a streaming invocation."),
        ["Request(5000, <upload stream>)"] = new(
            (scene, _) => RefusedAsync(() => scene.Connection.InvokeCoreAsync("Request", typeof(CallResultDto), [5_000, Channel.CreateUnbounded<int>().Reader])),
            "Client sent 1 stream(s), Hub method expects 0."),

        // Volume: a message 32 times the limit, and 1,000 invocations at once on one connection.
        ["a 1 MB message"] = new(OversizedAsync, "The server closed the connection with the following error: Connection closed with an error.", ClosesConnection: true),
        ["1,000 invocations at once"] = new(FloodAsync, "Too many calls: a connection may make 10 calls per second (bursts of 20). 'Configure' was refused; slow down and retry."),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Invoke_HostileInput_ClearErrorAndEverythingKeepsWorking(string name)
    {
        // Arrange
        var hostile = Table[name];
        var logs = fixture.Logs.Count;
        await using var bystander = await HubClients.ConnectAsync(fixture);
        var connection = await HubClients.ConnectAsync(fixture);
        var pid = fixture.PidOf(connection);
        var bystanderSession = fixture.ServerSide(bystander).Session;
        var bystanderCalls = bystanderSession.Tracker.Snapshot().Counters.Calls;
        var bystanderSettings = bystanderSession.Worker.Settings;
        var scene = new Scene(connection, fixture.PidOf(bystander));

        try
        {
            // Act
            var message = await hostile.Act(scene, output);

            // Assert: a clear error, no stack trace
            output.WriteLine($"{name}: {(message.Length > 200 ? message[..200] + "…" : message)}");
            Assert.Contains(hostile.Expected, message, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", message, StringComparison.Ordinal);

            // Assert: the other connection's actor did not move and still answers at once
            Assert.Equal(bystanderCalls, bystanderSession.Tracker.Snapshot().Counters.Calls);
            Assert.Equal(bystanderSettings, bystanderSession.Worker.Settings);
            await bystander.AssertHealthyAsync();

            // Assert: the sender's actor (or, when the server closed the connection, a new connection's) still works
            if (hostile.ClosesConnection)
            {
                await Until.TrueAsync(() => !fixture.Actors().IsAlive(pid), $"the closed connection's actor {pid} stopped");
                using var http = fixture.CreateHttpClient();
                using var health = await http.GetAsync(new Uri(WebApplicationExtensions.HealthPath, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                await using var again = await HubClients.ConnectAsync(fixture);
                await again.AssertHealthyAsync();
            }
            else
            {
                Assert.Equal(pid, fixture.PidOf(connection));
                Assert.Equal(0, fixture.Actors().GetInfo(pid)?.Crashes);
                await connection.AssertHealthyOnceTheBudgetRefillsAsync();
            }
        }
        finally
        {
            await connection.DisposeAsync();
        }

        // Assert: nothing unhandled in the server's log
        var failures = CapturedLogs.Failures(fixture.Logs.Since(logs));
        Assert.True(failures.Count == 0, CapturedLogs.Describe(failures));
    }

    /// <summary>A JSON number as written, whatever its size (a .NET number could not hold 1e400).</summary>
    private static JsonElement JsonNumber(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>Awaits <paramref name="call"/>, which must fail with a <see cref="HubException"/>; returns its message.</summary>
    private static async Task<string> RefusedAsync(Func<Task> call) => (await Assert.ThrowsAsync<HubException>(call)).Message;

    private static async Task DrainAsync(IAsyncEnumerable<object> stream)
    {
        await foreach (var _ in stream)
        {
        }
    }

    /// <summary>Sends a 1 MB argument; the server closes the connection. Returns the close reason the client got.</summary>
    private static async Task<string> OversizedAsync(Scene scene, ITestOutputHelper output)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        scene.Connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };

        var call = scene.Connection.InvokeAsync<CallResultDto>("Request", new string('x', 1024 * 1024));
        var reason = await closed.Task.WaitAsync(Until.DefaultTimeout);
        var failed = await Assert.ThrowsAnyAsync<Exception>(() => call);
        output.WriteLine($"the pending call failed with {failed.GetType().Name}: {failed.Message}");
        Assert.Equal(HubConnectionState.Disconnected, scene.Connection.State);
        return Assert.IsType<HubException>(reason).Message;
    }

    /// <summary>
    /// Fires 1,000 <c>Configure</c> invocations without waiting: the connection's token bucket (20 at once, 10 a
    /// second) lets the first ones through and refuses the rest. Returns a refusal's message.
    /// </summary>
    private static async Task<string> FloodAsync(Scene scene, ITestOutputHelper output)
    {
        const int invocations = 1_000;
        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, invocations).Select(async _ =>
        {
            try
            {
                await scene.Connection.InvokeAsync<ExternalWorkDto>("Configure", 5, 0.0, 0.0);
                return null;
            }
            catch (HubException error)
            {
                return error;
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var refused = outcomes.OfType<HubException>().ToList();
        var accepted = invocations - refused.Count;
        output.WriteLine($"{invocations:N0} invocations in {seconds:0.00} s ({invocations / seconds:N0}/s): {accepted} accepted, {refused.Count} refused");

        // The bucket starts full (20) and gains 10 a second, once a second.
        Assert.InRange(accepted, 20, 20 + (10 * ((int)Math.Ceiling(seconds) + 1)));
        Assert.Single(refused.Select(error => error.Message).Distinct());
        Assert.Equal(HubConnectionState.Connected, scene.Connection.State);
        return refused[0].Message;
    }

    /// <summary>The sender's connection and the bystander's pid, for rows that need them.</summary>
    private sealed record Scene(HubConnection Connection, Pid BystanderPid);

    /// <summary>One row: what to send and the text the error must contain.</summary>
    /// <param name="Act">Sends the input and returns the error message the client got.</param>
    /// <param name="Expected">Text the message contains.</param>
    /// <param name="ClosesConnection">The server closes the connection (its actor stops) instead of answering.</param>
    private sealed record Hostile(Func<Scene, ITestOutputHelper, Task<string>> Act, string Expected, bool ClosesConnection = false)
    {
        /// <summary>A placeholder argument that stands for the bystander's pid (as text, e.g. <c>&lt;0.7.0&gt;</c>).</summary>
        public static readonly object BystanderPid = new();

        /// <summary>An invocation of <paramref name="method"/> with raw <paramref name="arguments"/>, which must be refused.</summary>
        public static Hostile Invoke(string method, object?[] arguments, string expected) => new(
            (scene, _) => RefusedAsync(() => scene.Connection.InvokeCoreAsync(
                method,
                typeof(object),
                [.. arguments.Select(argument => ReferenceEquals(argument, BystanderPid) ? scene.BystanderPid.ToString() : argument)])),
            expected);
    }
}
