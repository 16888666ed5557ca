using System.Globalization;
using System.Threading.RateLimiting;
using Dashboard.Cluster;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// The rate-limiting policy of the sign-in form: a fixed window per client IP that counts only POSTs (the
/// attempts), so reading the page is never limited. Rejected attempts get 429 with a plain explanation. With Redis the
/// window is shared by every node (<see cref="SharedSignInLimiter"/>); behind a proxy the client IP is the forwarded one
/// (<c>Dashboard:ForwardedHeaders:KnownProxies</c>).
/// </summary>
public static class SignInRateLimit
{
    /// <summary>The policy name, put on the sign-in page with <c>[EnableRateLimiting(SignInRateLimit.PolicyName)]</c>.</summary>
    public const string PolicyName = "sign-in";

    /// <summary>The text of a 429 answer.</summary>
    public const string RejectionMessage = "Too many sign-in attempts from your address. Wait a minute, then try again.";

    /// <summary>Adds the policy and its 429 answer, keeping any other policy's rejection handler.</summary>
    public static void Configure(RateLimiterOptions options)
    {
        options.AddPolicy(PolicyName, context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("read");
            }

            var settings = context.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value;
            if (context.RequestServices.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled)
            {
                // Several nodes: one count per client IP for the whole cluster (see SharedSignInLimiter).
                var store = context.RequestServices.GetRequiredService<IClusterStore>();
                var time = context.RequestServices.GetRequiredService<TimeProvider>();
                return RateLimitPartition.Get(AdminSignIn.ClientAddress(context), client => new SharedSignInLimiter(client, store, settings, time));
            }

            return RateLimitPartition.GetFixedWindowLimiter(AdminSignIn.ClientAddress(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.PermitLimit,
                Window = settings.Window,
                QueueLimit = 0,
            });
        });

        var previous = options.OnRejected;
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var http = rejected.HttpContext;
            if (http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != PolicyName)
            {
                if (previous is not null)
                {
                    await previous(rejected, cancellationToken);
                }

                return;
            }

            var settings = http.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value;
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimit).FullName!);
            AdminSignIn.Log.SignInRateLimited(logger, AdminSignIn.ClientAddress(http), settings.PermitLimit, settings.Window);
            if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(RejectionMessage, cancellationToken);
        };
    }
}
