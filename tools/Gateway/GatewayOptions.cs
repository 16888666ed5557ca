using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace Gateway;

/// <summary>The <c>Gateway</c> section: which Dashboard nodes to balance and how to watch them.</summary>
public sealed class GatewayOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Gateway";

    /// <summary>
    /// The nodes' base URLs, e.g. <c>--Gateway:Nodes:0=http://127.0.0.1:5101 --Gateway:Nodes:1=http://127.0.0.1:5102</c>.
    /// </summary>
    /// <value>At least one is required.</value>
    public List<string> Nodes { get; init; } = [];

    /// <summary>The path each node is probed on; a node answering anything but 2xx (or nothing) leaves the pool.</summary>
    /// <value>Defaults to <c>/healthz</c> (liveness: it does not depend on Redis, so a Redis outage never empties the pool).</value>
    public string HealthPath { get; init; } = "/healthz";

    /// <summary>How often each node is probed.</summary>
    /// <value>Defaults to 2 s: a dead node leaves the pool after two failed probes, within about 4 s.</value>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one probe may take before it counts as a failure.</summary>
    /// <value>Defaults to 1.5 s.</value>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>The name of the cookie that pins a browser to its node.</summary>
    /// <value>Defaults to <c>.Dashboard.Node</c>.</value>
    public string AffinityCookie { get; init; } = ".Dashboard.Node";

    /// <summary>Binds the <see cref="Section"/> of <paramref name="configuration"/> and validates it.</summary>
    /// <returns>Whether the options are usable; otherwise <paramref name="errors"/> says what to fix.</returns>
    public static bool TryRead(IConfiguration configuration, [NotNullWhen(true)] out GatewayOptions? options, out IReadOnlyList<string> errors)
    {
        GatewayOptions read;
        try
        {
            read = configuration.GetSection(Section).Get<GatewayOptions>() ?? new GatewayOptions();
        }
        catch (InvalidOperationException error)
        {
            (options, errors) = (null, [error.Message]);
            return false;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(read, new ValidationContext(read), results, validateAllProperties: true);
        errors = [.. results.Select(result => result.ErrorMessage ?? "invalid")];
        options = errors.Count == 0 ? read : null;
        return options is not null;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Nodes.Count == 0)
        {
            yield return new ValidationResult(
                "No Dashboard node to forward to: give at least one, e.g. --Gateway:Nodes:0=http://127.0.0.1:5101 --Gateway:Nodes:1=http://127.0.0.1:5102.",
                [nameof(Nodes)]);
        }

        foreach (var node in Nodes)
        {
            if (!Uri.TryCreate(node, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                yield return new ValidationResult($"Gateway:Nodes: '{node}' is not an http(s) URL like http://127.0.0.1:5101.", [nameof(Nodes)]);
            }
        }

        if (Nodes.Distinct(StringComparer.OrdinalIgnoreCase).Count() != Nodes.Count)
        {
            yield return new ValidationResult("Gateway:Nodes lists a node twice.", [nameof(Nodes)]);
        }

        if (!HealthPath.StartsWith('/'))
        {
            yield return new ValidationResult($"Gateway:HealthPath must start with '/' (was '{HealthPath}').", [nameof(HealthPath)]);
        }

        if (HealthInterval <= TimeSpan.Zero || HealthTimeout <= TimeSpan.Zero || HealthTimeout > HealthInterval)
        {
            yield return new ValidationResult(
                $"Gateway:HealthInterval and Gateway:HealthTimeout must be positive, the timeout no longer than the interval (were {HealthInterval} and {HealthTimeout}).",
                [nameof(HealthInterval), nameof(HealthTimeout)]);
        }
    }
}
