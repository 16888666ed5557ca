namespace Dashboard.Extensions;

/// <summary>Host-level settings of the dashboard, called once from <c>Program.cs</c>.</summary>
public static class WebApplicationBuilderExtensions
{
    /// <summary>
    /// Serves the static web assets of referenced packages (MudBlazor's css/js) and the framework's
    /// <c>_framework/blazor.web.js</c> from the build output in every environment, not only in Development.
    /// </summary>
    /// <remarks>
    /// ASP.NET Core wires the static web assets manifest (<c>Dashboard.staticwebassets.runtime.json</c>)
    /// only when the environment is Development, so <c>dotnet run</c> with <c>ASPNETCORE_ENVIRONMENT=Production</c>
    /// or a test host in another environment would answer 404 for those files. In a publish output the
    /// manifest does not exist (the assets are copied into <c>wwwroot</c>) and the call is a no-op.
    /// </remarks>
    public static WebApplicationBuilder UseStaticWebAssetsInEveryEnvironment(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }
}
