using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers;

/// <summary>With forwarding on, <c>AWS_IAM</c> endpoints take the caller's credentials: refuse at start-up a configuration that cannot get them.</summary>
internal sealed class CallerCredentialsValidator(string registeredBy) : IValidateOptions<AmplifyRestApiOptions>
{
    public ValidateOptionsResult Validate(string? name, AmplifyRestApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var iamEndpoints = options.Endpoints.Where(e => e.Value?.AuthorizationType == AmplifyAuthorizationType.AwsIam).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        if (iamEndpoints.Count == 0 || CognitoCallerCredentialsExchange.Problem(options, registeredBy) is not { } problem)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail($"AWS_IAM endpoint{(iamEndpoints.Count == 1 ? string.Empty : "s")} {string.Join(", ", iamEndpoints.Select(e => $"'{e}'"))}: {problem}");
    }
}
