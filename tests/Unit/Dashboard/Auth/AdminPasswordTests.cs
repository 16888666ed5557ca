using Dashboard.Auth;
using Microsoft.Extensions.Options;

namespace Unit.Dashboard.Auth;

public sealed class AdminPasswordTests
{
    [Fact]
    public void Verify_ConfiguredPassword_AcceptsOnlyThatPassword()
    {
        // Arrange
        var password = new AdminPassword(Options.Create(new AdminOptions { AdminPassword = "s3cret-ü" }));

        // Act / Assert
        Assert.True(password.Verify("s3cret-ü"));
        Assert.False(password.Verify("s3cret-u"));
        Assert.False(password.Verify("s3cret-ü "));
        Assert.False(password.Verify(""));
        Assert.False(password.Verify(null));
        Assert.Null(password.Generated);
    }

    [Fact]
    public void Constructor_WithoutPassword_GeneratesALongRandomOne()
    {
        // Arrange / Act
        var first = new AdminPassword(Options.Create(new AdminOptions()));
        var second = new AdminPassword(Options.Create(new AdminOptions { AdminPassword = "" }));

        // Assert
        Assert.NotNull(first.Generated);
        Assert.True(first.Generated.Length >= 24, first.Generated);
        Assert.NotEqual(first.Generated, second.Generated);
        Assert.True(first.Verify(first.Generated));
        Assert.False(first.Verify(second.Generated));
        Assert.False(first.Verify(""));
    }
}
