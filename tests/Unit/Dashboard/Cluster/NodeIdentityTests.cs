using Dashboard.Cluster;

namespace Unit.Dashboard.Cluster;

public sealed class NodeIdentityTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5301", "http://127.0.0.1:5301")]
    [InlineData("http://localhost:5000/", "http://localhost:5000")]
    [InlineData("https://[::1]:7001", "https://[::1]:7001")]
    public void DefaultUrl_ConcreteHost_IsTheListeningAddress(string address, string expected)
    {
        // Act
        var url = NodeIdentity.DefaultUrl(address);

        // Assert
        Assert.Equal(expected, url);
    }

    [Theory]
    [InlineData("http://+:8080")]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    public void DefaultUrl_WildcardHost_UsesTheMachineName(string address)
    {
        // Act
        var url = NodeIdentity.DefaultUrl(address);

        // Assert
        Assert.Equal($"http://{Environment.MachineName}:8080", url);
    }

    [Fact]
    public void DefaultName_IsHostNameAndPort()
    {
        // Act
        var name = NodeIdentity.DefaultName("http://127.0.0.1:5301");

        // Assert
        Assert.Equal($"{Environment.MachineName}:5301", name);
    }

    [Fact]
    public void Validate_RenewIntervalAboveAThirdOfTheTtl_IsRefused()
    {
        // Arrange
        var options = new ClusterOptions { MembershipTtl = TimeSpan.FromSeconds(10), RenewInterval = TimeSpan.FromSeconds(4) };

        // Act
        var errors = options.Validate();

        // Assert
        Assert.Contains(errors, error => error.Contains("RenewInterval", StringComparison.Ordinal));
        Assert.Empty(new ClusterOptions().Validate());
    }
}
