using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace E2E.Infrastructure;

/// <summary>
/// Routes a page's Blazor WebSocket through Playwright so a test can cut it like a network failure:
/// <see cref="GoOfflineAsync"/> drops the open sockets on both ends and, with the context offline,
/// every reconnect attempt fails until <see cref="GoOnlineAsync"/>.
/// </summary>
public sealed partial class CircuitConnection
{
    private readonly Lock _lock = new();
    private readonly List<(IWebSocketRoute Page, IWebSocketRoute Server)> _open = [];
    private readonly IBrowserContext _context;
    private volatile bool _offline;
    private int _routed;

    private CircuitConnection(IBrowserContext context) => _context = context;

    /// <summary>Starts routing <paramref name="page"/>'s circuit sockets; call before the page navigates.</summary>
    public static async Task<CircuitConnection> AttachAsync(IPage page)
    {
        var connection = new CircuitConnection(page.Context);
        await page.RouteWebSocketAsync(BlazorSocket(), connection.Handle);
        return connection;
    }

    /// <summary>How many circuit sockets went through the route.</summary>
    public int Routed => Volatile.Read(ref _routed);

    /// <summary>Opens "/" in a new tab of <paramref name="context"/> with its circuit socket routed, once interactive.</summary>
    public static async Task<(IPage Page, CircuitConnection Connection)> OpenRoutedAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var connection = await AttachAsync(page);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        return (page, connection);
    }

    /// <summary>Drops the circuit's connection and keeps the browser offline.</summary>
    public async Task GoOfflineAsync()
    {
        _offline = true;
        await _context.SetOfflineAsync(true); // no long-polling fallback either
        (IWebSocketRoute Page, IWebSocketRoute Server)[] open;
        lock (_lock)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var (page, server) in open)
        {
            await server.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "test: network down" });
            await page.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "test: network down" });
        }
    }

    /// <summary>Lets the browser reach the server again; Blazor's reconnect logic takes it from there.</summary>
    public async Task GoOnlineAsync()
    {
        _offline = false;
        await _context.SetOfflineAsync(false);
    }

    private void Handle(IWebSocketRoute socket)
    {
        Interlocked.Increment(ref _routed);
        if (_offline)
        {
            _ = socket.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "test: offline" });
            return;
        }

        var server = socket.ConnectToServer();
        lock (_lock)
        {
            _open.Add((socket, server));
        }
    }

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorSocket();
}
