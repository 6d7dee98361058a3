using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>The current auth session, like Amplify's <c>fetchAuthSession</c>. <see cref="ToString"/> prints no secret.</summary>
public sealed class AmplifyAuthSession
{
    /// <summary>Creates a session; public so that a test can fake <see cref="IAmplifyAuth"/>.</summary>
    /// <param name="userPoolTokens">The signed-in user's tokens, or <see langword="null"/> when nobody is signed in.</param>
    /// <param name="identityId">The identity pool's identity ID, or <see langword="null"/> when there is none.</param>
    /// <param name="awsCredentials">The identity pool's AWS credentials, or <see langword="null"/> when there are none.</param>
    public AmplifyAuthSession(UserPoolTokens? userPoolTokens, string? identityId, AwsCredentials? awsCredentials)
    {
        UserPoolTokens = userPoolTokens;
        IdentityId = identityId;
        AwsCredentials = awsCredentials;
    }

    /// <summary>Gets whether a user is signed in.</summary>
    /// <value><see langword="true"/> when there are user-pool tokens.</value>
    public bool IsSignedIn => UserPoolTokens is not null;

    /// <summary>Gets the signed-in user's tokens.</summary>
    /// <value><see langword="null"/> when nobody is signed in.</value>
    public UserPoolTokens? UserPoolTokens { get; }

    /// <summary>Gets the Cognito identity ID.</summary>
    /// <value><see langword="null"/> without an identity pool, or when it refused.</value>
    public string? IdentityId { get; }

    /// <summary>Gets the identity pool's AWS credentials: the authenticated role when signed in, else the guest role.</summary>
    /// <value><see langword="null"/> without an identity pool, or when it refused.</value>
    public AwsCredentials? AwsCredentials { get; }

    /// <summary>Describes the session without secrets.</summary>
    /// <returns>A description.</returns>
    public override string ToString() =>
        $"AmplifyAuthSession {{ IsSignedIn = {IsSignedIn}, IdentityId = {IdentityId ?? "(none)"}, AwsCredentials = {AwsCredentials?.ToString() ?? "(none)"} }}";
}
