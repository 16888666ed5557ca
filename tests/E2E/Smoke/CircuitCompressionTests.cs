using System.Net;
using System.Net.WebSockets;
using E2E.Infrastructure;

namespace E2E.Smoke;

/// <summary>
/// The circuits' WebSocket is not deflate-compressed unless <c>Dashboard:CircuitCompression</c> says so, and the app
/// may only be framed by its own origin either way (compression and cross-origin framing together are the risk).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class CircuitCompressionTests(DashboardFixture fixture)
{
    [Fact]
    public async Task CircuitSocket_ByDefault_RefusesDeflateAndKeepsTheFramePolicy()
    {
        var (extensions, framePolicy) = await CircuitHandshake.OfferDeflateAsync(fixture);

        Assert.DoesNotContain("permessage-deflate", extensions, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("frame-ancestors 'self'", framePolicy, StringComparison.Ordinal);
    }
}

/// <summary>A server with <c>Dashboard:CircuitCompression=true</c>.</summary>
public sealed class CompressedCircuitFixture() : DashboardFixture(new Dictionary<string, string?> { ["Dashboard:CircuitCompression"] = "true" });

[CollectionDefinition(Name)]
public sealed class CompressedCircuitCollection : ICollectionFixture<CompressedCircuitFixture>
{
    public const string Name = "CompressedCircuit";
}

[Collection(CompressedCircuitCollection.Name)]
public sealed class CompressedCircuitTests(CompressedCircuitFixture fixture)
{
    [Fact]
    public async Task CircuitSocket_WithCompressionOn_AcceptsDeflateAndKeepsTheFramePolicy()
    {
        var (extensions, framePolicy) = await CircuitHandshake.OfferDeflateAsync(fixture);

        Assert.Contains("permessage-deflate", extensions, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("frame-ancestors 'self'", framePolicy, StringComparison.Ordinal);
    }
}

/// <summary>Opens the Blazor circuit's WebSocket offering permessage-deflate, as a browser does, and reads the answer.</summary>
internal static class CircuitHandshake
{
    /// <returns>The handshake's <c>Sec-WebSocket-Extensions</c> (empty when none) and the page's <c>Content-Security-Policy</c>.</returns>
    public static async Task<(string Extensions, string FramePolicy)> OfferDeflateAsync(DashboardFixture fixture)
    {
        using var http = fixture.CreateHttpClient();
        using var page = await http.GetAsync("/");
        page.EnsureSuccessStatusCode();
        var framePolicy = page.Headers.TryGetValues("Content-Security-Policy", out var policies) ? string.Join("; ", policies) : "";

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        var circuit = new UriBuilder(fixture.BaseAddress) { Scheme = "ws", Path = "/_blazor" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await socket.ConnectAsync(circuit, timeout.Token);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        var extensions = socket.HttpResponseHeaders is { } headers && headers.TryGetValue("Sec-WebSocket-Extensions", out var values)
            ? string.Join(", ", values)
            : "";
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        return (extensions, framePolicy);
    }
}
