using Dashboard.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dashboard.Extensions;

/// <summary>
/// Operator sign-in: cookie authentication, the <see cref="AdminPolicy.Name"/> authorization policy, the
/// sign-in rate limit and the sign-out endpoint.
/// </summary>
/// <remarks>
/// The flow: an admin page (<c>[Authorize(Policy = AdminPolicy.Name)]</c>) requested without the cookie is
/// answered with a redirect to <c>/login?returnUrl=…</c> — by the cookie handler for a full page load, by
/// <c>RedirectToLogin</c> in <c>Routes.razor</c> for a navigation inside a circuit. <c>/login</c> is rendered
/// statically (<c>[ExcludeFromInteractiveRouting]</c>): a Blazor Server circuit runs over a WebSocket and cannot
/// set a cookie, while a statically rendered form POST is an ordinary HTTP request that can. The page checks the
/// password, calls <c>SignInAsync</c> and redirects to the (local) return URL; the next circuit carries the cookie.
/// </remarks>
public static class AuthServiceCollectionExtensions
{
    /// <summary>Registers authentication, authorization, the sign-in rate limiter and the operator password.</summary>
    public static IServiceCollection AddAdminSignIn(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>()
            .BindConfiguration(AdminOptions.Section)
            .ValidateOnStart();
        services.AddOptions<SignInOptions>()
            .BindConfiguration(SignInOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AdminPassword>();
        services.AddHostedService<AdminPasswordAnnouncer>();

        services.AddAuthentication(AdminPolicy.Scheme).AddCookie(AdminPolicy.Scheme);
        services.AddOptions<CookieAuthenticationOptions>(AdminPolicy.Scheme)
            .Configure<IOptions<SignInOptions>, IHostEnvironment>((cookie, signIn, environment) =>
            {
                cookie.LoginPath = AdminPolicy.LoginPath;
                cookie.AccessDeniedPath = AdminPolicy.LoginPath;
                cookie.ReturnUrlParameter = AdminPolicy.ReturnUrlParameter;
                cookie.ExpireTimeSpan = signIn.Value.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.Cookie.Name = AdminPolicy.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy.Name, AdminPolicy.Require);
        services.AddCascadingAuthenticationState();
        services.AddRateLimiter(SignInRateLimit.Configure);
        return services;
    }

    /// <summary>The sign-in middleware: rate limiting, authentication, authorization. Call before <c>UseAntiforgery</c>.</summary>
    public static WebApplication UseAdminSignIn(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Maps <see cref="AdminPolicy.LogoutPath"/>: a form POST (antiforgery-checked, 400 without a valid token) that signs out and goes home.</summary>
    public static WebApplication MapAdminSignOut(this WebApplication app)
    {
        app.MapPost(AdminPolicy.LogoutPath, async (HttpContext context, ILoggerFactory loggers) =>
            {
                // The antiforgery middleware validates (RequireAntiforgeryToken below) but only form binding enforces
                // its verdict, and this handler binds no form: enforce it here.
                if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                {
                    return Results.BadRequest("The sign-out form is missing its antiforgery token; use the Sign out button.");
                }

                await context.SignOutAsync(AdminPolicy.Scheme);
                var logger = loggers.CreateLogger(typeof(AdminSignIn).FullName!);
                var client = AdminSignIn.ClientAddress(context);
                AdminSignIn.Log.SignedOut(logger, client);
                return Results.LocalRedirect("/");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }
}
