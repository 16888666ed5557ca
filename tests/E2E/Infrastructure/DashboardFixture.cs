using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace E2E.Infrastructure;

/// <summary>
/// Owns one <see cref="DashboardServer"/> and one headless Chromium for a whole xunit collection, and
/// hands out isolated browser contexts (each a fresh "user") pointed at the server.
/// </summary>
/// <remarks>
/// Use it through <see cref="DashboardCollection"/>. For a server with other settings, derive a fixture
/// with a parameterless constructor and give it its own collection:
/// <code>
/// public sealed class FastHeartbeatFixture() : DashboardFixture(new Dictionary&lt;string, string?&gt; { ["Heartbeat:Interval"] = "00:00:01" });
/// [CollectionDefinition(Name)] public sealed class FastHeartbeatCollection : ICollectionFixture&lt;FastHeartbeatFixture&gt; { public const string Name = "FastHeartbeat"; }
/// </code>
/// </remarks>
public class DashboardFixture : IAsyncLifetime
{
    /// <summary>How long an <c>Expect(…)</c> assertion waits for its condition (a slow 2-core CI machine).</summary>
    public static readonly TimeSpan ExpectTimeout = TimeSpan.FromSeconds(15);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>A Development server with the app's default settings.</summary>
    public DashboardFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Configuration overrides for the server.</param>
    /// <param name="environment">The hosting environment. Defaults to Development.</param>
    /// <param name="configure">More set-up of the server's host (see <see cref="DashboardServer"/>); none by default.</param>
    protected DashboardFixture(IReadOnlyDictionary<string, string?> settings, string? environment = null, Action<IWebHostBuilder>? configure = null)
    {
        Server = new DashboardServer(environment ?? Environments.Development, settings, configure);
    }

    /// <summary>The app under test; its <c>Services</c> reach the app's DI container.</summary>
    public DashboardServer Server { get; }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:38217/</c>.</summary>
    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>The shared browser; prefer <see cref="NewContextAsync"/>, which isolates cookies and storage.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)ExpectTimeout.TotalMilliseconds);
        Server.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>
    /// A new browser context (its own cookies, so its own circuits) whose relative URLs resolve against
    /// <paramref name="baseAddress"/> (default: <see cref="BaseAddress"/>). Dispose it at the end of the test.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(Uri? baseAddress = null) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = (baseAddress ?? BaseAddress).ToString() });

    /// <summary>A plain HTTP client for the server (see <see cref="DashboardServer.CreateHttpClient"/>).</summary>
    public HttpClient CreateHttpClient() => Server.CreateHttpClient();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
