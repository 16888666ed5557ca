using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Auth;

/// <summary>
/// The names of the operator sign-in: the authorization policy every admin page, endpoint and hub method
/// requires (<c>[Authorize(Policy = AdminPolicy.Name)]</c> or <c>.RequireAuthorization(AdminPolicy.Name)</c>),
/// the role it demands and the paths of the sign-in flow.
/// </summary>
public static class AdminPolicy
{
    /// <summary>The authorization policy: an authenticated user in the <see cref="Role"/> role.</summary>
    public const string Name = "admin";

    /// <summary>What the <see cref="Name"/> policy requires: an authenticated user in the <see cref="Role"/> role.</summary>
    public static void Require(AuthorizationPolicyBuilder policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.RequireAuthenticatedUser().RequireRole(Role);
    }

    /// <summary>The role a successful sign-in grants.</summary>
    public const string Role = "admin";

    /// <summary>The cookie authentication scheme that carries the sign-in.</summary>
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>The sign-in page (static server rendering, so that it can set the cookie).</summary>
    public const string LoginPath = "/login";

    /// <summary>The sign-out endpoint (POST with an antiforgery token).</summary>
    public const string LogoutPath = "/auth/logout";

    /// <summary>The query parameter of <see cref="LoginPath"/> that says where to go after signing in.</summary>
    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>The name of the sign-in cookie.</summary>
    public const string CookieName = ".ActorDashboard.Admin";
}
