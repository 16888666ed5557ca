using System.Reflection;
using System.Text.RegularExpressions;
using Dashboard.Services;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Cluster;

/// <summary>
/// Who this node is: its name (<c>Dashboard:NodeName</c>), the URL other nodes reach it at (<c>Dashboard:NodeUrl</c>),
/// when it started and which build it runs. Unset names come from the first address Kestrel listens on.
/// </summary>
/// <remarks>
/// The listening addresses are known only once the server has started (a port of 0 is chosen then), so the defaults
/// are worked out on first use after start-up and kept; before that <see cref="Name"/> is the host name alone.
/// </remarks>
public sealed partial class NodeIdentity
{
    private readonly DashboardOptions? _options;
    private readonly IServer? _server;
    private string? _name;
    private string? _url;

    /// <summary>Reads the configured names, or works them out from the server's addresses.</summary>
    public NodeIdentity(IOptions<DashboardOptions> options, IServer server, TimeProvider time)
    {
        _options = options.Value;
        _server = server;
        StartedAt = time.GetUtcNow();
    }

    /// <summary>A fixed identity (tests).</summary>
    public NodeIdentity(string name, string url, DateTimeOffset startedAt)
    {
        (_name, _url, StartedAt) = (name, url, startedAt);
    }

    /// <summary>The node's name, unique in the cluster.</summary>
    public string Name => _name ?? Resolve(ref _name, _options?.NodeName, DefaultName, Environment.MachineName);

    /// <summary>The base URL of this node for other nodes, without a trailing slash.</summary>
    public string Url => _url ?? Resolve(ref _url, _options?.NodeUrl?.TrimEnd('/'), DefaultUrl, "http://localhost");

    /// <summary>When the node started (UTC).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The informational version of the running build.</summary>
    public string Version { get; } =
        typeof(NodeIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The default name for a listening address: host name + ":" + port.</summary>
    internal static string DefaultName(string address) =>
        Port(address) is { } port ? $"{Environment.MachineName}:{port}" : Environment.MachineName;

    /// <summary>The default URL for a listening address; a wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) becomes the host name.</summary>
    internal static string DefaultUrl(string address)
    {
        var match = AddressPattern().Match(address);
        if (!match.Success)
        {
            return address.TrimEnd('/');
        }

        var host = match.Groups["host"].Value;
        if (host is "+" or "*" or "0.0.0.0" or "[::]")
        {
            host = Environment.MachineName;
        }

        return $"{match.Groups["scheme"].Value}://{host}:{match.Groups["port"].Value}";
    }

    private static string? Port(string address) => AddressPattern().Match(address) is { Success: true } match ? match.Groups["port"].Value : null;

    /// <summary>
    /// The configured value, else the one derived from the first listening address; either is kept in <paramref name="cache"/>.
    /// Before the server listens, <paramref name="fallback"/> is returned and not kept.
    /// </summary>
    private string Resolve(ref string? cache, string? configured, Func<string, string> fromAddress, string fallback)
    {
        if (configured is { Length: > 0 })
        {
            return cache = configured;
        }

        var first = _server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return first is null ? fallback : cache = fromAddress(first);
    }

    [GeneratedRegex(@"^(?<scheme>[a-z]+)://(?<host>\[[^\]]+\]|[^:/]+):(?<port>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex AddressPattern();
}
