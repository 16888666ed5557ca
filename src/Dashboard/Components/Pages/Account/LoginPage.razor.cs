using Dashboard.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Pages.Account;

/// <summary>
/// <c>/login?returnUrl=…</c>: the operator sign-in. Rendered statically (<c>[ExcludeFromInteractiveRouting]</c>,
/// see <c>App.razor</c>) so that the form's POST is an ordinary HTTP request whose answer sets the cookie; the
/// POSTs are rate-limited per client IP (<see cref="SignInRateLimit"/>) and antiforgery-checked.
/// </summary>
public sealed partial class LoginPage
{
    /// <summary>The form's name, which Blazor uses to route the POST to <see cref="SignInAsync"/>.</summary>
    public const string FormName = "login";

    private string? _error;
    private bool _signedIn;

    /// <summary>The request being rendered (always present: the page is statically rendered).</summary>
    [CascadingParameter] private HttpContext HttpContext { get; set; } = null!;

    [Inject] private AdminPassword AdminPassword { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private ILogger<LoginPage> Logger { get; set; } = null!;

    /// <summary>Where to go after signing in; only local paths are followed (see <see cref="AdminSignIn.LocalReturnUrl"/>).</summary>
    [SupplyParameterFromQuery(Name = AdminPolicy.ReturnUrlParameter)] private string? ReturnUrl { get; set; }

    /// <summary>The password typed into the form (the input's <c>name</c> is <c>Password</c>).</summary>
    [SupplyParameterFromForm(FormName = FormName)] private string? Password { get; set; }

    private string Target => AdminSignIn.LocalReturnUrl(ReturnUrl);

    protected override void OnInitialized() =>
        _signedIn = HttpContext.User.IsInRole(AdminPolicy.Role);

    private async Task SignInAsync()
    {
        var client = AdminSignIn.ClientAddress(HttpContext);
        if (!AdminPassword.Verify(Password))
        {
            AdminSignIn.Log.SignInFailed(Logger, client);
            _error = "Wrong password. Check Dashboard:AdminPassword (or the password in the server's start-up log).";
            return;
        }

        await HttpContext.SignInAsync(AdminPolicy.Scheme, AdminSignIn.CreatePrincipal(), new AuthenticationProperties { IsPersistent = false });
        AdminSignIn.Log.SignedIn(Logger, client);
        Navigation.NavigateTo(Target, forceLoad: true);
    }
}
