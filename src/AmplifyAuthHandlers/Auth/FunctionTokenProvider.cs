namespace AmplifyAuthHandlers;

/// <summary>Adapts the delegate of <c>AddFunctionTokenProvider</c> to <see cref="IAmplifyTokenProvider"/>.</summary>
internal sealed class FunctionTokenProvider(Func<CancellationToken, ValueTask<string?>> function) : IAmplifyTokenProvider
{
    public ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken) => function(cancellationToken);
}
