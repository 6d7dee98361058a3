namespace Samples.Worker;

/// <summary>The <c>Sample</c> section: which APIs to call. The defaults are the local emulator's API names.</summary>
public sealed class WorkerOptions
{
    /// <summary>Gets or sets the name of an AWS_IAM REST API in the Amplify configuration.</summary>
    public string IamApi { get; set; } = "iam";

    /// <summary>Gets or sets the name of an AMAZON_COGNITO_USER_POOLS REST API in the Amplify configuration.</summary>
    public string UserPoolApi { get; set; } = "userPools";

    /// <summary>Gets or sets the path (relative to the stage) the worker GETs on both APIs.</summary>
    public string Path { get; set; } = "/items";
}
