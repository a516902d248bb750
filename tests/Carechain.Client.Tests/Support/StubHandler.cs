using System.Net;
using System.Text;

namespace Carechain.Client.Tests.Support;

/// <summary>An HTTP handler that records every request and answers from a function, for testing clients without a node.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, string?, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<(HttpMethod Method, string PathAndQuery, string? Body)> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    public static CarechainClient Client(StubHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://node.test/") });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.Method, request.RequestUri!.PathAndQuery, body));
        }

        return answer(request, body);
    }
}
