using System.Net;
using System.Text.RegularExpressions;

namespace E2E.Operator;

/// <summary>Sign-in over plain HTTP, the way a browser's form does it: GET the form, POST it back with its antiforgery token.</summary>
public static partial class OperatorHttp
{
    /// <summary>A client with its own cookie jar that does not follow redirects.</summary>
    public static HttpClient CreateClient(Uri baseAddress, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = baseAddress };

    /// <summary>
    /// GETs <c>/login</c> with <paramref name="query"/>, then POSTs the form with <paramref name="password"/> (to
    /// <paramref name="postTo"/>, by default the same <paramref name="client"/>); returns the POST's answer.
    /// </summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string password, string query = "?returnUrl=%2Foverview", HttpClient? postTo = null)
    {
        var form = await client.GetStringAsync(new Uri("/login" + query, UriKind.Relative));
        var token = Token().Match(form);
        Assert.True(token.Success, "The sign-in form carries no antiforgery token.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["token"].Value),
            ["Password"] = password,
        });
        return await (postTo ?? client).PostAsync(new Uri("/login" + query, UriKind.Relative), content);
    }

    /// <summary>The antiforgery token of the page at <paramref name="path"/> (a signed-in page carries one in its sign-out form).</summary>
    public static async Task<string> TokenOfAsync(HttpClient client, string path = "/overview")
    {
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var token = Token().Match(page);
        Assert.True(token.Success, $"{path} carries no antiforgery token.");
        return WebUtility.HtmlDecode(token.Groups["token"].Value);
    }

    /// <summary>POSTs an operator action the way a script does: a form with <paramref name="token"/> (none when null).</summary>
    public static async Task<HttpResponseMessage> PostActionAsync(HttpClient client, long pid, string action, string? token)
    {
        using var content = new FormUrlEncodedContent(token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await client.PostAsync(new Uri($"/actors/{pid}/operator/{action}", UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();
}
