using Refit;

namespace Samples.TypedClients;

/// <summary>A Refit client: the interface is the client. <c>AddAmplifyAuthorization("userPools")</c> does the rest.</summary>
public interface IInvoicesApi
{
    /// <summary>GETs <c>/invoices</c> (inside the stage: the library puts a leading-slash path back in it).</summary>
    [Get("/invoices")]
    Task<IApiResponse<string>> GetInvoicesAsync(CancellationToken cancellationToken);
}
