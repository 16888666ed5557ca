using System.Net;

namespace Unit.Dashboard.Cluster;

/// <summary>An <see cref="IHttpClientFactory"/> whose clients answer every request with <see cref="Answer"/> (no network), keeping the requests.</summary>
internal sealed class StubPeers : IHttpClientFactory
{
    /// <summary>Answers a request; by default 503.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

    public List<HttpRequestMessage> Requests { get; } = [];

    public HttpClient CreateClient(string name) => new(new Handler(this));

    private sealed class Handler(StubPeers owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (owner.Requests)
            {
                owner.Requests.Add(request);
            }

            return Task.FromResult(owner.Answer(request));
        }
    }
}
