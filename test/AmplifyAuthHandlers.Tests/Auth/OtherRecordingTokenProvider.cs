
namespace AmplifyAuthHandlers.Tests.Auth;

/// <summary>A second provider type, to tell per-endpoint and "for all" registrations apart.</summary>
internal sealed class OtherRecordingTokenProvider : IAmplifyTokenProvider
{
    public ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>("other-" + context.EndpointName);
}
