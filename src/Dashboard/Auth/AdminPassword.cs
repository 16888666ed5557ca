using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// The operator password of this run: <c>Dashboard:AdminPassword</c>, or one generated at start-up (like
/// Jupyter's token) when none is configured, so that the default is never an empty or well-known password.
/// </summary>
/// <remarks>Only a SHA-256 digest is kept; <see cref="Verify"/> compares digests in constant time.</remarks>
public sealed class AdminPassword
{
    private readonly byte[] _digest;

    /// <summary>Reads the configured password or generates one.</summary>
    public AdminPassword(IOptions<AdminOptions> options)
    {
        var configured = options.Value.AdminPassword;
        if (string.IsNullOrEmpty(configured))
        {
            Generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            configured = Generated;
        }

        _digest = Digest(configured);
    }

    /// <summary>The generated password when none was configured (written once to the log at start-up); otherwise null.</summary>
    public string? Generated { get; }

    /// <summary>
    /// Whether <paramref name="attempt"/> is the password. Both sides are hashed to equal-length digests first,
    /// so the comparison takes the same time whatever the attempt's length or first wrong character.
    /// </summary>
    public bool Verify(string? attempt) =>
        attempt is not null && CryptographicOperations.FixedTimeEquals(Digest(attempt), _digest);

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
