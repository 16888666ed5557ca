namespace Dashboard.Hosting;

/// <summary>
/// A tiny HTTP client mode of the app: <c>dotnet Dashboard.dll healthcheck [url]</c> requests the health
/// endpoint of an instance that is already running and exits 0 when it answers 2xx, 1 otherwise.
/// </summary>
/// <remarks>
/// It exists for the Docker <c>HEALTHCHECK</c>: the <c>aspnet</c> runtime image has neither curl nor wget,
/// and the app itself is the one HTTP client that is sure to be there. It never starts the web host.
/// </remarks>
public static class HealthProbe
{
    /// <summary>The first command-line argument that selects the probe mode.</summary>
    public const string Command = "healthcheck";

    /// <summary>The URL probed when none is given: the container's port.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080/healthz";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether <paramref name="args"/> asks for the probe instead of the web app.</summary>
    public static bool IsRequested(string[] args) =>
        args.Length > 0 && string.Equals(args[0], Command, StringComparison.Ordinal);

    /// <summary>Requests the URL (the second argument, else <see cref="DefaultUrl"/>) and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl;
        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            Console.WriteLine($"{url}: {(int)response.StatusCode} {response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            Console.Error.WriteLine($"{url}: {ex.Message}");
            return 1;
        }
    }
}
