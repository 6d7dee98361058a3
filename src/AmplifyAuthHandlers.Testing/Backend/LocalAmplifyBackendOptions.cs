namespace AmplifyAuthHandlers.Testing;

/// <summary>Set-up of a <see cref="LocalAmplifyBackend"/>; read once, at start.</summary>
public sealed class LocalAmplifyBackendOptions
{
    /// <summary>Gets or sets the region of the pools, the signatures and the files.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Gets or sets the stage every API is deployed to.</summary>
    /// <value>The default value is <c>dev</c>.</value>
    public string Stage { get; set; } = "dev";

    /// <summary>Gets or sets the key the API_KEY API accepts.</summary>
    /// <value>The default value is <see langword="null"/>: a random key.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets the users to add to the user pool.</summary>
    /// <value>Empty by default: one user <c>demo</c> with a random password is added.</value>
    public IList<LocalAmplifyUser> Users { get; } = [];

    /// <summary>Gets or sets the clock of Cognito and the gateway (token and credential expiry, signature windows).</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
