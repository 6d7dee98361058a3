namespace AmplifyAuthHandlers.Testing;

/// <summary>A user-pool user of a <see cref="LocalAmplifyBackend"/>: the name and password a test signs in with.</summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The password (at least 8 characters). <see cref="ToString"/> never prints it.</param>
public sealed record LocalAmplifyUser(string Username, string Password)
{
    /// <summary>Gets the user's <c>sub</c> in the user pool.</summary>
    /// <value>Set by <see cref="LocalAmplifyBackend"/> when it adds the user; <see langword="null"/> on a user given in options.</value>
    public string? Sub { get; init; }

    /// <summary>Describes the user without the password.</summary>
    /// <returns><c>LocalAmplifyUser { Username = …, Sub = … }</c>.</returns>
    public override string ToString() => $"LocalAmplifyUser {{ Username = {Username}, Sub = {Sub} }}";
}
