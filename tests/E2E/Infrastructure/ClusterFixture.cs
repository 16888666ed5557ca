using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Json;
using Microsoft.Playwright;
using TestSupport;

namespace E2E.Infrastructure;

/// <summary>
/// A two-node cluster on loopback for a whole xunit collection: a real <c>redis-server</c>, Dashboard nodes
/// <c>node-a</c> and <c>node-b</c> and the YARP gateway (<c>tools/Gateway</c>), each a separate process run from
/// its build output, plus one headless Chromium.
/// </summary>
/// <remarks>
/// Each node has its own Data Protection key directory, so only the key ring in Redis lets a cookie from one
/// node be read by the other. A test that kills a node or stops Redis leaves it so; the next test's
/// <see cref="RestoreAsync"/> brings the cluster back whole.
/// </remarks>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The admin password every node shares.</summary>
    public const string Password = "cluster-e2e-pw";

    private readonly string _keyDirectories = Directory.CreateTempSubdirectory("dashboard-cluster-keys-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private RedisServer? _redis;

    /// <summary>The first node.</summary>
    public ServerProcess NodeA { get; private set; } = null!;

    /// <summary>The second node.</summary>
    public ServerProcess NodeB { get; private set; } = null!;

    /// <summary>The gateway in front of both.</summary>
    public ServerProcess Gateway { get; private set; } = null!;

    /// <summary>The cluster's Redis.</summary>
    public RedisServer Redis => _redis ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>Both nodes.</summary>
    public IReadOnlyList<ServerProcess> Nodes => [NodeA, NodeB];

    /// <summary>The shared browser; prefer <see cref="NewContextAsync"/>.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)DashboardFixture.ExpectTimeout.TotalMilliseconds);
        _redis = await RedisServer.StartNewAsync();
        NodeA = Node("node-a");
        NodeB = Node("node-b");
        Gateway = new ServerProcess(
            "gateway",
            ServerProcess.NewLoopbackAddress(),
            "tools/Gateway",
            [.. Nodes.Select((node, i) => $"--Gateway:Nodes:{i}={node.BaseAddress.ToString().TrimEnd('/')}")],
            environment: "Production",
            healthPath: "gateway/status");
        await Task.WhenAll(NodeA.StartAsync(), NodeB.StartAsync(), Gateway.StartAsync());
        await WaitForGatewayAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>
    /// Brings back what an earlier test took down: starts Redis and any node that is not running, then waits until
    /// the gateway has every node in its pool again.
    /// </summary>
    public async Task RestoreAsync()
    {
        if (!Redis.IsRunning)
        {
            await Redis.StartAsync();
        }

        await Task.WhenAll(Nodes.Where(node => !node.IsRunning).Select(node => node.StartAsync()));
        await WaitForGatewayAsync();
    }

    /// <summary>A new browser context (its own cookies: a new user, so a new affinity cookie) for <paramref name="baseAddress"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseAddress) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });

    /// <summary>Waits until the gateway counts <paramref name="expected"/> of its nodes as available (default: all of them).</summary>
    public async Task WaitForGatewayAsync(int? expected = null)
    {
        using var client = new HttpClient { BaseAddress = Gateway.BaseAddress };
        var want = expected ?? Nodes.Count;
        await Until.TrueAsync(
            async () =>
            {
                var nodes = await client.GetFromJsonAsync<List<GatewayNode>>(new Uri("gateway/status", UriKind.Relative));
                return nodes!.Count(node => node.Available && node.Active == "Healthy") == want;
            },
            $"the gateway to have {want} healthy node(s) in its pool",
            TimeSpan.FromSeconds(30));
    }

    /// <summary>Asserts that no process of the cluster logged an unhandled exception so far.</summary>
    public void AssertNoUnhandledExceptions()
    {
        var failures = Nodes.Append(Gateway).SelectMany(server => server.Failures().Select(line => $"{server.Name}: {line}")).ToList();
        Assert.True(failures.Count == 0, $"Unhandled exceptions in the cluster's logs (all of them end up in {LogDirectory}):\n" + string.Join("\n", failures));
    }

    /// <summary>Where <see cref="DisposeAsync"/> leaves each process's log (<c>node-a.log</c>, …), for a failed run.</summary>
    public static string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), "dashboard-cluster-e2e-logs");

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Directory.CreateDirectory(LogDirectory);
        foreach (var server in new[] { Gateway, NodeA, NodeB })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
                await File.WriteAllTextAsync(Path.Combine(LogDirectory, server.Name + ".log"), server.Output);
            }
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        Directory.Delete(_keyDirectories, recursive: true);
    }

    // Each node also gets its own HOME, so not even ASP.NET Core's default key ring (~/.aspnet/DataProtection-Keys) is shared.
    private ServerProcess Node(string name)
    {
        var address = ServerProcess.NewLoopbackAddress();
        var home = Directory.CreateDirectory(Path.Combine(_keyDirectories, name, "home")).FullName;
        return new ServerProcess(
            name, address, "src/Dashboard", NodeSettings(name, address, Path.Combine(_keyDirectories, name, "keys")), environment: "Development", home: home);
    }

    // Development, as in the other E2E fixtures: the admin cookie is Secure outside Development, and the cluster runs on plain HTTP.
    private string[] NodeSettings(string name, Uri address, string keyDirectory) =>
    [
        $"--Redis:Configuration={Redis.Configuration}",
        $"--Dashboard:NodeName={name}",
        $"--Dashboard:NodeUrl={address}",
        $"--Dashboard:DataProtection:KeyDirectory={keyDirectory}",
        "--Dashboard:ForwardedHeaders:KnownProxies:0=127.0.0.1",
        $"--Dashboard:AdminPassword={Password}",
        "--Dashboard:SignIn:PermitLimit=1000",
        "--Dashboard:Overview:RefreshInterval=00:00:00.250",
        "--Dashboard:Overview:PageSize=100",
        "--Dashboard:DisconnectedCircuitRetention=00:00:02",
    ];

    private sealed record GatewayNode(string Address, string Active, string Passive, bool Available);
}

/// <summary>The tests that share one <see cref="ClusterFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "An xunit collection definition.")]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
