using System.Net;
using System.Security.Claims;

namespace Dashboard.Auth;

/// <summary>What a successful sign-in produces and where it may lead.</summary>
public static partial class AdminSignIn
{
    /// <summary>Where to land after signing in when no (acceptable) return URL was given.</summary>
    public const string DefaultReturnUrl = "/overview";

    /// <summary>The signed-in operator: name <c>admin</c>, role <see cref="AdminPolicy.Role"/>.</summary>
    public static ClaimsPrincipal CreatePrincipal() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, AdminPolicy.Role)],
        AdminPolicy.Scheme));

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path on this site (<c>/overview</c>, <c>/actors/5?x=1</c>), else
    /// <see cref="DefaultReturnUrl"/>: absolute URLs, protocol-relative <c>//host</c>, <c>/\host</c> and control
    /// characters are refused, so the sign-in page cannot be used as an open redirect.
    /// </summary>
    public static string LocalReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.Any(char.IsControl))
        {
            return DefaultReturnUrl;
        }

        if (returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\'))
        {
            return DefaultReturnUrl;
        }

        return returnUrl.StartsWith(AdminPolicy.LoginPath, StringComparison.OrdinalIgnoreCase) ? DefaultReturnUrl : returnUrl;
    }

    /// <summary>The client's address for logs and rate limiting ("unknown" when the transport has none).</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "No Dashboard:AdminPassword is set; the operator password of this run is {Password} (sign in at {LoginPath}). Set Dashboard__AdminPassword to choose one.")]
        public static partial void GeneratedPassword(ILogger logger, string password, string loginPath);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Operator sign-in failed from {Client}: wrong password.")]
        public static partial void SignInFailed(ILogger logger, string client);

        [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Operator signed in from {Client}.")]
        public static partial void SignedIn(ILogger logger, string client);

        [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Operator sign-in refused for {Client}: more than {PermitLimit} attempts in {Window}.")]
        public static partial void SignInRateLimited(ILogger logger, string client, int permitLimit, TimeSpan window);

        [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Operator signed out from {Client}.")]
        public static partial void SignedOut(ILogger logger, string client);
    }
}

/// <summary>Writes the generated operator password to the log once, at start-up.</summary>
internal sealed class AdminPasswordAnnouncer(AdminPassword password, ILogger<AdminPasswordAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (password.Generated is { } generated)
        {
            AdminSignIn.Log.GeneratedPassword(logger, generated, AdminPolicy.LoginPath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
