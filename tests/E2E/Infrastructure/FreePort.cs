using System.Net;
using System.Net.Sockets;

namespace E2E.Infrastructure;

/// <summary>Free TCP ports on 127.0.0.1 for the servers a test starts as child processes.</summary>
public static class FreePort
{
    /// <summary>A port that was free a moment ago (the OS hands out a fresh ephemeral one each time).</summary>
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
