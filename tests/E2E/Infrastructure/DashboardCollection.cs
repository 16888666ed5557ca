using System.Diagnostics.CodeAnalysis;

namespace E2E.Infrastructure;

/// <summary>
/// The tests that share one <see cref="DashboardFixture"/>: mark a class <c>[Collection(DashboardCollection.Name)]</c>
/// and take the fixture in its constructor. Tests of one collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "An xunit collection definition.")]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard";
}
