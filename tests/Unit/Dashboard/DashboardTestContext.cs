using Bunit;
using MudBlazor.Services;

namespace Unit.Dashboard;

/// <summary>
/// The base class of every bUnit test of the dashboard: registers MudBlazor's services and lets
/// MudBlazor's JavaScript calls succeed without a browser (loose JS interop, default results).
/// </summary>
/// <remarks>
/// Some MudBlazor services are only <see cref="IAsyncDisposable"/>, so the context must be disposed
/// asynchronously; xunit 2 does that through <see cref="IAsyncLifetime"/> (before its synchronous
/// <c>Dispose</c>, which is then a no-op).
/// </remarks>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    // bUnit waits one second by default; a busy 2-core CI machine running the suite in parallel needs more.
    static DashboardTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
