using Microsoft.Extensions.Options;

namespace Dashboard.Overview;

/// <summary>
/// Drives <see cref="OverviewService.Refresh"/> every <see cref="OverviewOptions.RefreshInterval"/> on the
/// app's <see cref="TimeProvider"/>, whether or not anyone watches, so the totals charts cover the minutes
/// before an operator opens the page. Each refresh costs in proportion to the actors that changed.
/// </summary>
internal sealed partial class OverviewRefreshLoop(
    OverviewService overview, IOptions<OverviewOptions> options, TimeProvider time, ILogger<OverviewRefreshLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    overview.Refresh();
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    Log.RefreshFailed(logger, error);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "The overview refresh failed; it runs again at the next tick.")]
        public static partial void RefreshFailed(ILogger logger, Exception error);
    }
}
