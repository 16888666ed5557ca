using System.Net;
using System.Text.RegularExpressions;

namespace E2E.Infrastructure;

/// <summary>Checks that a running dashboard serves the css and scripts that its home page links.</summary>
public static partial class StaticAssets
{
    /// <summary>
    /// Fetches <c>/</c>, then every stylesheet and script it references (fingerprinted URLs), plus the plain
    /// URLs of MudBlazor's css and <c>blazor.web.js</c>; asserts that each answers 200 with the right type.
    /// </summary>
    public static async Task AssertServedAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var referenced = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();

        Assert.Contains(referenced, url => url.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal) && url.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(referenced, url => url.StartsWith("_framework/blazor.web.", StringComparison.Ordinal) && url.EndsWith(".js", StringComparison.Ordinal));

        string[] plain = ["_content/MudBlazor/MudBlazor.min.css", "_content/MudBlazor/MudBlazor.min.js", "_framework/blazor.web.js"];
        foreach (var url in referenced.Concat(plain))
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
            var expectedType = url.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript";
            Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0, $"GET {url} was empty.");
        }
    }

    [GeneratedRegex(@"(?:href|src)=""(?<url>[^""]+\.(?:css|js))""")]
    private static partial Regex AssetReference();
}
