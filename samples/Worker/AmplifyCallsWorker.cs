using AmplifyAuthHandlers;
using Microsoft.Extensions.Options;

namespace Samples.Worker;

/// <summary>
/// Calls an AWS_IAM API as a guest (the identity pool's unauthenticated role), signs in with
/// <see cref="IAmplifyAuth"/>, calls it again (now the authenticated role), calls a Cognito user-pool API, signs out,
/// and stops the host. Each answer is logged and added to <see cref="WorkerReport"/>.
/// </summary>
internal sealed partial class AmplifyCallsWorker(
    IAmplifyRestApi api,
    IAmplifyAuth auth,
    IOptions<WorkerOptions> options,
    WorkerReport report,
    IHostApplicationLifetime lifetime,
    ILogger<AmplifyCallsWorker> logger) : BackgroundService
{
    private const int MaxLoggedBody = 300;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var o = options.Value;

            // 1. Nobody signed in: AWS_IAM requests are signed with the identity pool's guest credentials.
            await CallAsync("guest AWS_IAM", o.IamApi, o.Path, stoppingToken);

            // 2. Sign in. The password goes to IAmplifyAuth only (USER_SRP_AUTH never sends it at all); never log it.
            if (report.User is not { } user)
            {
                LogNoUser(logger);
                return;
            }

            var result = await auth.SignInAsync(user.Username, user.Password, stoppingToken);
            if (!result.IsSignedIn)
            {
                LogSignInIncomplete(logger, user.Username, result.NextStep);
                return;
            }

            LogSignedIn(logger, user.Username);

            // 3. The same API, now with the authenticated role: the identity pool exchanged the user's ID token.
            await CallAsync("signed-in AWS_IAM", o.IamApi, o.Path, stoppingToken);

            // 4. A Cognito user-pool API: the user's access token goes in Authorization, refreshed before it expires.
            await CallAsync("signed-in AMAZON_COGNITO_USER_POOLS", o.UserPoolApi, o.Path, stoppingToken);

            await auth.SignOutAsync(cancellationToken: stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            report.Failure = ex;
            LogFailed(logger, ex);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task CallAsync(string step, string apiName, string path, CancellationToken cancellationToken)
    {
        var identityId = (await auth.FetchSessionAsync(cancellationToken: cancellationToken)).IdentityId;
        int status;
        string body;
        try
        {
            using var response = await api.GetAsync(apiName, path, cancellationToken: cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (AmplifyHttpStatusException ex)
        {
            // IAmplifyRestApi throws for a non-2xx answer, as Amplify does; the worker reports it and goes on.
            status = (int)ex.StatusCode;
            body = ex.Body ?? string.Empty;
        }
        catch (AwsCredentialsUnavailableException ex)
        {
            // E.g. the identity pool does not allow guests: nothing was sent. The message names the cause, no secret.
            status = 0;
            body = ex.Message;
        }

        report.Calls.Enqueue(new WorkerCall(step, identityId, status, body));
        LogCall(logger, step, apiName, path, identityId ?? "(none)", status, body.Length <= MaxLoggedBody ? body : body[..MaxLoggedBody] + "…");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Step}: GET {ApiName} {Path} as identity {IdentityId} -> {StatusCode} {Body}")]
    private static partial void LogCall(ILogger logger, string step, string apiName, string path, string identityId, int statusCode, string body);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed in as {Username}")]
    private static partial void LogSignedIn(ILogger logger, string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in of {Username} needs another step ({NextStep}); this sample signs in with a password only")]
    private static partial void LogSignInIncomplete(ILogger logger, string username, AmplifySignInStep nextStep);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user to sign in as: set Sample:Username and Sample:Password (user secrets or environment variables, never appsettings.json)")]
    private static partial void LogNoUser(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
