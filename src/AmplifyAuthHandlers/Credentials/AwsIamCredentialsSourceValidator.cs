using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers;

/// <summary>
/// Refuses an <c>AWS_IAM</c> endpoint with no AWS credentials source (configured or registered): its requests
/// could not be signed. It lives beside the credential sources it asks about, since Configuration may not
/// look to its right; the options framework reports its problems together with the other validators'.
/// </summary>
internal sealed class AwsIamCredentialsSourceValidator(IServiceProvider services) : IValidateOptions<AmplifyRestApiOptions>
{
    public ValidateOptionsResult Validate(string? name, AmplifyRestApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? problems = null;
        foreach (var (endpointName, endpoint) in options.Endpoints)
        {
            if (!string.IsNullOrWhiteSpace(endpointName)
                && endpoint is { AuthorizationType: AmplifyAuthorizationType.AwsIam, AuthorizationTypeUnreadable: false }
                && AwsCredentialsProviderSelector.MissingSourceProblem(endpointName, options, services) is { } problem)
            {
                (problems ??= []).Add(problem);
            }
        }

        return problems is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
