using System.Diagnostics.CodeAnalysis;
using E2E.Infrastructure;
using E2E.Operator;

namespace E2E.Load;

/// <summary>A server of its own for the many-tab run, with the operators' known password so the test can read the overview.</summary>
public sealed class MultiTabFixture() : DashboardFixture(new Dictionary<string, string?>
{
    ["Dashboard:AdminPassword"] = OperatorFixture.Password,
});

[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "An xunit collection definition.")]
public sealed class MultiTabCollection : ICollectionFixture<MultiTabFixture>
{
    public const string Name = "MultiTab";
}
