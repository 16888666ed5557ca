using E2E.Infrastructure;
using E2E.Operator;
using Microsoft.Extensions.Hosting;

namespace E2E.Reliability;

/// <summary>
/// A Development server whose log is captured (<see cref="Logs"/>), with the operator password of
/// <see cref="OperatorFixture.Password"/>, a sign-in limit that tests never reach, and external work that
/// answers in 5 ms so that a round trip proving a connection healthy is quick.
/// </summary>
public class ReliabilityFixture : DashboardFixture
{
    public ReliabilityFixture()
        : this(Environments.Development, new CapturedLogs())
    {
    }

    /// <param name="environment">The hosting environment.</param>
    /// <param name="logs">Receives the server's log.</param>
    protected ReliabilityFixture(string environment, CapturedLogs logs)
        : base(
            new Dictionary<string, string?>
            {
                ["Dashboard:AdminPassword"] = OperatorFixture.Password,
                ["Dashboard:SignIn:PermitLimit"] = "1000",
                ["Heartbeat:ExternalLatency"] = "00:00:00.005",
            },
            environment,
            logs.AddTo)
    {
        Logs = logs;
    }

    /// <summary>Everything the server logged.</summary>
    public CapturedLogs Logs { get; }
}

/// <summary>The same server in the Production environment: a generic error page and <c>Secure</c> sign-in cookies.</summary>
public sealed class ProductionReliabilityFixture() : ReliabilityFixture(Environments.Production, new CapturedLogs());

/// <summary>
/// The same server for the lifecycle leak test. Its collection runs alone (after the parallel ones), so that
/// the process's managed memory is the leak test's own.
/// </summary>
public sealed class LifecycleFixture : ReliabilityFixture;

[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ReliabilityFixture>
{
    public const string Name = "Reliability";
}

[CollectionDefinition(Name)]
public sealed class ProductionReliabilityCollection : ICollectionFixture<ProductionReliabilityFixture>
{
    public const string Name = "ProductionReliability";
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LifecycleCollection : ICollectionFixture<LifecycleFixture>
{
    public const string Name = "Lifecycle";
}
