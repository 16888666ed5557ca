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

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();
}
