namespace AmplifyAuthHandlers;

/// <summary>
/// The keys one section of a configuration source may hold: those the readers read, and Amplify's own keys they
/// knowingly leave to other Amplify categories. Anything else there was written by someone for a reason, so the
/// readers report it instead of ignoring it (see <see cref="ConfigurationKeyCheck"/>).
/// </summary>
internal sealed class ConfigurationKeySet
{
    private ConfigurationKeySet(string[] read, string[] amplifyKeysNotRead, string? addressKey, string? addressHint)
    {
        Read = read;
        AmplifyKeysNotRead = amplifyKeysNotRead;
        AddressKey = addressKey;
        AddressHint = addressHint;
    }

    /// <summary>The keys the readers read here.</summary>
    public IReadOnlyList<string> Read { get; }

    /// <summary>Amplify's keys the readers do not need (UI, MFA and OAuth settings): neither read nor reported.</summary>
    public IReadOnlyList<string> AmplifyKeysNotRead { get; }

    /// <summary>The key that says where this section's secrets go (an endpoint or its override), if any.</summary>
    public string? AddressKey { get; }

    /// <summary>
    /// When set, secrets travel to an address taken from this section, so an unknown key whose name says it is an
    /// address is an error (the user evidently meant to send them there); this says where the address is read from.
    /// </summary>
    public string? AddressHint { get; }

    public string ReadKeysText => string.Join(", ", Read);

    // Gen1 amplifyconfiguration.json.
    public static ConfigurationKeySet Gen1RestEndpoint { get; } = new(
        ["endpointType", "endpoint", "region", "authorizationType", "apiKey"], [], "endpoint",
        "This endpoint's address is read from 'endpoint' only.");

    public static ConfigurationKeySet Gen1UserPool { get; } = new(
        ["PoolId", "AppClientId", "AppClientSecret", "Region", "Endpoint"], ["HostedUI"], "Endpoint",
        "The user pool's endpoint override is read from 'Endpoint' only.");

    public static ConfigurationKeySet Gen1IdentityPool { get; } = new(
        ["PoolId", "Region", "Endpoint"], [], "Endpoint",
        "The identity pool's endpoint override is read from 'Endpoint' only.");

    public static ConfigurationKeySet Gen1AuthDefault { get; } = new(
        ["authenticationFlowType"],
        ["OAuth", "socialProviders", "usernameAttributes", "signupAttributes", "passwordProtectionSettings", "mfaConfiguration",
            "mfaTypes", "verificationMechanisms", "loginMechanisms", "loginMechanism"],
        null, null);

    // Gen2 amplify_outputs.json.
    public static ConfigurationKeySet Gen2RestEndpoint { get; } = new(
        ["url", "aws_region", "authorization_type", "api_key"], [], "url",
        "This endpoint's address is read from 'url' only.");

    public static ConfigurationKeySet Gen2CustomApiEndpoint { get; } = new(
        ["endpoint", "region", "authorizationType", "apiKey"], ["apiName"], "endpoint",
        "This endpoint's address is read from 'endpoint' only.");

    public static ConfigurationKeySet Gen2Auth { get; } = new(
        ["aws_region", "user_pool_id", "user_pool_client_id", "identity_pool_id", "authentication_flow_type"],
        ["password_policy", "oauth", "standard_required_attributes", "username_attributes", "user_verification_types",
            "unauthenticated_identities_enabled", "mfa_configuration", "mfa_methods", "groups"],
        null,
        "amplify_outputs.json has no Cognito endpoint override; set Auth.UserPool.Endpoint or Auth.IdentityPool.Endpoint in code (PostConfigure).");

    // The JavaScript-flavoured file (aws-exports.js / amplifyconfiguration.json for web apps): its root is not
    // checked for unknown keys (every category shares it), only for mis-cased spellings of the keys read.
    public static ConfigurationKeySet JsRoot { get; } = new(
        ["aws_project_region", "aws_cognito_region", "aws_cognito_identity_pool_id", "aws_user_pools_id", "aws_user_pools_web_client_id",
            "aws_cloud_logic_custom", "aws_appsync_graphqlEndpoint"],
        [], null, null);

    public static ConfigurationKeySet JsCloudLogicEndpoint { get; } = new(
        ["name", "endpoint", "region", "service"], ["custom_header"], "endpoint",
        "This endpoint's address is read from 'endpoint' only.");

    // IConfiguration sections (keys are case-insensitive there, so only unknown keys are found).
    public static ConfigurationKeySet SectionRoot { get; } = new(["Endpoints", "Auth", "Credentials"], [], null, null);

    public static ConfigurationKeySet SectionEndpoint { get; } = new(
        ["Endpoint", "Url", "Region", "AuthorizationType", "ApiKey", "AllowCrossOriginRequests", "TokenType", "BearerPrefix", "Headers", "MaxBufferedRequestBodyBytes", "Resilience"], [],
        "Endpoint", "This endpoint's address is read from 'Endpoint' (or 'Url') only.");

    public static ConfigurationKeySet SectionResilience { get; } = new(
        ["Enabled", "MaxRetryAttempts", "RetryNonIdempotent", "AttemptTimeout", "TotalTimeout"], [], null, null);

    public static ConfigurationKeySet SectionAuth { get; } = new(["UserPool", "IdentityPool", "TokenRefreshWindow"], [], null, null);

    public static ConfigurationKeySet SectionUserPool { get; } = new(
        ["PoolId", "AppClientId", "AppClientSecret", "Region", "Endpoint", "AuthenticationFlowType"], [], "Endpoint",
        "The user pool's endpoint override is read from 'Endpoint' only.");

    public static ConfigurationKeySet SectionIdentityPool { get; } = new(
        ["PoolId", "Region", "Endpoint", "UnauthenticatedRoleArn", "AuthenticatedRoleArn", "StsEndpoint"], [], "Endpoint",
        "The identity pool's endpoint overrides are read from 'Endpoint' and 'StsEndpoint' only.");

    public static ConfigurationKeySet SectionCredentials { get; } = new(
        ["AccessKeyId", "SecretAccessKey", "SessionToken", "UseAwsSdkCredentialChain", "RefreshWindow"], [], null, null);
}
