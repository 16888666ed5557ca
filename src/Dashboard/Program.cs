using Dashboard.Hosting;
using Dashboard.Extensions;

// `dotnet Dashboard.dll healthcheck [url]` probes a running instance and exits 0/1 (used by the Dockerfile).
if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.UseStaticWebAssetsInEveryEnvironment();
builder.Services.AddDashboard();

var app = builder.Build();

app.UseDashboardPipeline();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible so that tests can host the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
