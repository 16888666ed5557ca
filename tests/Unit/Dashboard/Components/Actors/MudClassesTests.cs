using Dashboard.Components.Actors;
using MudBlazor;

namespace Unit.Dashboard.Components.Actors;

public sealed class MudClassesTests
{
    [Theory]
    [InlineData(Color.Error, "error")]
    [InlineData(Color.Success, "success")]
    [InlineData(Color.Default, "default")]
    public void Name_Color_IsTheNameInMudBlazorsClasses(Color color, string expected) =>
        Assert.Equal(expected, MudClasses.Name(color));

    [Theory]
    [InlineData(Color.Warning, "mud-warning-text")]
    [InlineData(Color.Info, "mud-info-text")]
    [InlineData(Color.Default, "")]
    public void Text_Color_IsTheClassMudTextAdds(Color color, string expected) =>
        Assert.Equal(expected, MudClasses.Text(color));
}
