using System.ComponentModel.DataAnnotations;

namespace Dashboard.Auth;

/// <summary>The operator password, bound from the <c>Dashboard</c> section (<c>Dashboard:AdminPassword</c>).</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>The password that signs an operator in (env <c>Dashboard__AdminPassword</c>).</summary>
    /// <value>Defaults to none: a random password is generated at start-up and written once to the log.</value>
    public string? AdminPassword { get; set; }
}

/// <summary>Limits of the sign-in, bound from <c>Dashboard:SignIn</c>.</summary>
public sealed class SignInOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:SignIn";

    /// <summary>Sign-in attempts (POSTs of the form) one client IP may make per <see cref="Window"/>; more get 429.</summary>
    /// <value>Defaults to 5.</value>
    [Range(1, 10_000)]
    public int PermitLimit { get; set; } = 5;

    /// <summary>The fixed window of <see cref="PermitLimit"/>.</summary>
    /// <value>Defaults to 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a sign-in lasts (sliding: renewed while the operator uses the dashboard).</summary>
    /// <value>Defaults to 8 hours.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
