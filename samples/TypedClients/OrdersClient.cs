namespace Samples.TypedClients;

/// <summary>
/// A typed client: an ordinary class over <see cref="HttpClient"/>. <c>AddAmplifyAuthorization("iam")</c> gave the
/// client the endpoint's base address (its stage) and the endpoint's auth handlers, so paths are stage-relative and
/// every request is signed.
/// </summary>
public sealed class OrdersClient(HttpClient http)
{
    /// <summary>GETs <c>orders</c> and returns the status and body.</summary>
    public async Task<ClientCall> GetOrdersAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("orders", UriKind.Relative), cancellationToken);
        return new ClientCall(nameof(OrdersClient), (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
