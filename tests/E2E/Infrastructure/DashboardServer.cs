using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TestSupport;

namespace E2E.Infrastructure;

/// <summary>
/// The real dashboard (its <c>Program</c>) on real Kestrel, bound to a free port on 127.0.0.1.
/// </summary>
/// <remarks>
/// Settings are applied with <c>UseSetting</c>: they reach the app as command-line arguments, so they win
/// over <c>appsettings.json</c> and are visible even to code that reads configuration in <c>Program.cs</c>.
/// </remarks>
public sealed class DashboardServer : WebApplicationFactory<Program>
{
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;
    private Uri? _baseAddress;

    /// <summary>The servers run inside the test host, which keeps two pool workers blocked: give them back for the whole run.</summary>
    static DashboardServer() => TestHostThreads.Compensate();

    /// <param name="environment">The hosting environment. Defaults to Development.</param>
    /// <param name="settings">Configuration overrides, e.g. <c>["Heartbeat:Interval"] = "00:00:01"</c>.</param>
    /// <param name="configure">More set-up of the host after the settings, e.g. an extra logger provider; none by default.</param>
    public DashboardServer(string? environment = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null)
    {
        _environment = environment ?? Environments.Development;
        _settings = settings ?? new Dictionary<string, string?>();
        _configure = configure;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:38217/</c>; available after <see cref="Start"/>.</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("Call Start() first.");

    /// <summary>Starts Kestrel and returns <see cref="BaseAddress"/>.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        _baseAddress = new Uri(addresses.Addresses.Single() + "/");
        return _baseAddress;
    }

    /// <summary>A plain HTTP client (no cookies, no redirects followed) for <see cref="BaseAddress"/>.</summary>
    public HttpClient CreateHttpClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        _configure?.Invoke(builder);
    }
}
