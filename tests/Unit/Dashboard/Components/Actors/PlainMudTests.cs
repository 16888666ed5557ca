using Bunit;
using Dashboard.Components.Actors;
using MudBlazor;

namespace Unit.Dashboard.Components.Actors;

/// <summary>
/// <see cref="PlainMud"/>'s classes against the markup MudBlazor itself renders for the same parameters, so the plain
/// panels keep MudBlazor's look — and a MudBlazor upgrade that renames a class fails here, not on screen.
/// </summary>
public sealed class PlainMudTests : DashboardTestContext
{
    [Theory]
    [InlineData(Color.Success, false)]
    [InlineData(Color.Default, false)]
    [InlineData(Color.Warning, true)]
    [InlineData(Color.Primary, true)]
    public void Chip_SmallChip_HasMudChipsClasses(Color color, bool outlined)
    {
        var mud = Render<MudChip<string>>(p => p
            .Add(x => x.Color, color).Add(x => x.Size, Size.Small).Add(x => x.Text, "x")
            .Add(x => x.Variant, outlined ? Variant.Outlined : Variant.Filled));

        Assert.Equal(mud.Find(".mud-chip").ClassName, PlainMud.Chip(color, outlined));
    }

    [Theory]
    [InlineData(Variant.Filled, Color.Primary)]
    [InlineData(Variant.Outlined, Color.Warning)]
    [InlineData(Variant.Outlined, Color.Error)]
    [InlineData(Variant.Text, Color.Default)]
    public void Button_MediumButton_HasMudButtonsClasses(Variant variant, Color color)
    {
        var mud = Render<MudButton>(p => p.Add(x => x.Variant, variant).Add(x => x.Color, color).AddChildContent("x"));

        Assert.Equal(mud.Find("button").ClassName, PlainMud.Button(variant, color));
    }

    [Theory]
    [InlineData(Severity.Warning, Variant.Text, false)]
    [InlineData(Severity.Warning, Variant.Outlined, false)]
    [InlineData(Severity.Error, Variant.Text, true)]
    public void Alert_HasMudAlertsClassesAndIcon(Severity severity, Variant variant, bool dense)
    {
        var mud = Render<MudAlert>(p => p.Add(x => x.Severity, severity).Add(x => x.Variant, variant).Add(x => x.Dense, dense).AddChildContent("x"));
        var plain = Render(builder => builder.AddContent(0, PlainMud.AlertIconColumn(severity)));

        Assert.Equal(mud.Find(".mud-alert").ClassName, PlainMud.Alert(severity, variant, dense));
        Assert.Equal(mud.Find(".mud-alert-icon").OuterHtml, plain.Find(".mud-alert-icon").OuterHtml);
    }

    [Theory]
    [InlineData(Color.Error, "error")]
    [InlineData(Color.Success, "success")]
    [InlineData(Color.Default, "default")]
    public void Name_Color_IsTheNameInMudBlazorsClasses(Color color, string expected) =>
        Assert.Equal(expected, PlainMud.Name(color));

    [Theory]
    [InlineData(Color.Warning, "mud-warning-text")]
    [InlineData(Color.Info, "mud-info-text")]
    [InlineData(Color.Default, "")]
    public void Text_Color_IsTheClassMudTextAdds(Color color, string expected) =>
        Assert.Equal(expected, PlainMud.Text(color));
}
