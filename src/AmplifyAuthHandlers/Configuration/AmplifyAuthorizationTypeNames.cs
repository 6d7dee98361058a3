namespace AmplifyAuthHandlers;

/// <summary>The wire names of <see cref="AmplifyAuthorizationType"/> as Amplify's configuration files spell them.</summary>
internal static class AmplifyAuthorizationTypeNames
{
    public const string AllNames = "NONE, API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT, AWS_LAMBDA";

    /// <summary>
    /// Parses Amplify's spelling (<c>AWS_IAM</c>) and, for appsettings users, the enum's own (<c>AwsIam</c>),
    /// ignoring case. Numbers are refused: a typo must not silently pick a mode.
    /// </summary>
    public static bool TryParse(string? value, out AmplifyAuthorizationType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var normalized = value.Trim().Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        switch (normalized)
        {
            case "NONE": type = AmplifyAuthorizationType.None; return true;
            case "APIKEY": type = AmplifyAuthorizationType.ApiKey; return true;
            case "AWSIAM": type = AmplifyAuthorizationType.AwsIam; return true;
            case "AMAZONCOGNITOUSERPOOLS": type = AmplifyAuthorizationType.AmazonCognitoUserPools; return true;
            case "OPENIDCONNECT": type = AmplifyAuthorizationType.OpenIdConnect; return true;
            case "AWSLAMBDA": type = AmplifyAuthorizationType.AwsLambda; return true;
            default: return false;
        }
    }

    public static string ToWireName(AmplifyAuthorizationType type) => type switch
    {
        AmplifyAuthorizationType.None => "NONE",
        AmplifyAuthorizationType.ApiKey => "API_KEY",
        AmplifyAuthorizationType.AwsIam => "AWS_IAM",
        AmplifyAuthorizationType.AmazonCognitoUserPools => "AMAZON_COGNITO_USER_POOLS",
        AmplifyAuthorizationType.OpenIdConnect => "OPENID_CONNECT",
        AmplifyAuthorizationType.AwsLambda => "AWS_LAMBDA",
        _ => ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
