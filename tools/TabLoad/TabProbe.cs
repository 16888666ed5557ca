using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace TabLoad;

/// <summary>
/// One tab and what it saw: the Blazor circuit's WebSocket frames (Chromium's DevTools protocol, one CDP session
/// per page) and, through a MutationObserver in the page, how late each change reached the DOM.
/// </summary>
internal sealed class TabProbe
{
    /// <summary>
    /// Records, for each new <c>data-changed-at</c> on the page's change marker (the server's wall-clock time of the
    /// first change that render shows), <c>Date.now()</c> minus it: same machine, same clock.
    /// </summary>
    private const string LagObserver = """
        () => {
            window.__lags = [];
            const marker = document.querySelector('[data-testid=actor-changed]');
            if (!marker) return false;
            new MutationObserver(() => {
                const at = Number(marker.getAttribute('data-changed-at'));
                if (at > 0) window.__lags.push(Date.now() - at);
            }).observe(marker, { attributes: true, attributeFilter: ['data-changed-at'] });
            return true;
        }
        """;

    private readonly Lock _lock = new();
    private readonly List<long> _batchAt = [];
    private long _bytesReceived;
    private long _bytesSent;
    private long _framesReceived;
    private long _framesSent;
    private long _renderBatches;

    private TabProbe(IPage page, ICDPSession cdp)
    {
        Page = page;
        Cdp = cdp;
    }

    public IPage Page { get; }

    private ICDPSession Cdp { get; }

    public bool ObservesLag { get; private set; }

    public (long BytesReceived, long BytesSent, long FramesReceived, long RenderBatches) Counters
    {
        get
        {
            lock (_lock)
            {
                return (_bytesReceived, _bytesSent, _framesReceived, _renderBatches);
            }
        }
    }

    /// <summary>Opens <paramref name="path"/> in a new page and waits until its circuit is interactive.</summary>
    public static async Task<TabProbe> OpenAsync(IBrowserContext context, string path, TimeSpan timeout)
    {
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        var probe = new TabProbe(page, cdp);
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => probe.OnFrame(e, received: true);
        cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => probe.OnFrame(e, received: false);
        await cdp.SendAsync("Network.enable");
        await page.GotoAsync(path, new PageGotoOptions { Timeout = (float)timeout.TotalMilliseconds });
        await page.Locator("[data-testid=app-shell][data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = (float)timeout.TotalMilliseconds });
        return probe;
    }

    /// <summary>Installs the DOM-lag observer; false when the page has no change marker.</summary>
    public async Task<bool> ObserveLagAsync()
    {
        ObservesLag = await Page.EvaluateAsync<bool>(LagObserver);
        return ObservesLag;
    }

    /// <summary>Empties the lag list, so only the measuring window counts.</summary>
    public Task ResetLagAsync() => ObservesLag ? Page.EvaluateAsync("() => { window.__lags = []; }") : Task.CompletedTask;

    public async Task<IReadOnlyList<double>> LagsAsync() =>
        ObservesLag ? await Page.EvaluateAsync<double[]>("() => window.__lags") : [];

    /// <summary>Clicks a control the way Blazor sees a user's click (a DOM click event), without Playwright's actionability waits.</summary>
    public Task ClickAsync(string testId) =>
        Page.EvaluateAsync("id => { const b = document.querySelector(`[data-testid=${id}]`); if (b && !b.disabled) b.click(); }", testId);

    /// <summary>The text of an element, or null when it is not there.</summary>
    public Task<string?> TextAsync(string testId) =>
        Page.EvaluateAsync<string?>("id => document.querySelector(`[data-testid=${id}]`)?.textContent ?? null", testId);

    /// <summary>How many render batches the server sent between two <see cref="Stopwatch"/> timestamps.</summary>
    public int BatchesBetween(long from, long to)
    {
        lock (_lock)
        {
            return _batchAt.Count(at => at >= from && at < to);
        }
    }

    /// <summary>Most render batches the server sent in any one second between two timestamps.</summary>
    public int PeakBatchesPerSecondBetween(long from, long to)
    {
        lock (_lock)
        {
            var times = _batchAt.Where(at => at >= from && at < to).ToList();
            var peak = 0;
            for (int i = 0, j = 0; i < times.Count; i++)
            {
                while (times[i] - times[j] >= Stopwatch.Frequency)
                {
                    j++;
                }

                peak = Math.Max(peak, i - j + 1);
            }

            return peak;
        }
    }

    private void OnFrame(JsonElement? e, bool received)
    {
        if (e is not { } data || !data.TryGetProperty("response", out var response))
        {
            return;
        }

        // Text frames carry their payload as is; binary ones (Blazor's MessagePack hub protocol) as base64.
        // A render batch is a "JS.RenderBatch" invocation; a large one spans several frames, only the first names it.
        var payload = response.GetProperty("payloadData").GetString() ?? "";
        var binary = response.TryGetProperty("opcode", out var opcode) && opcode.GetInt32() == 2;
        var bytes = binary ? Convert.FromBase64String(payload) : System.Text.Encoding.UTF8.GetBytes(payload);
        long length = bytes.Length;
        var batch = received && bytes.AsSpan().IndexOf("JS.RenderBatch"u8) >= 0;
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (received)
            {
                _bytesReceived += length;
                _framesReceived++;
                if (batch)
                {
                    _renderBatches++;
                    _batchAt.Add(now);
                }
            }
            else
            {
                _bytesSent += length;
                _framesSent++;
            }
        }
    }
}
