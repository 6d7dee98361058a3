namespace AmplifyAuthHandlers.Testing;

/// <summary>The status of a user in a <see cref="LocalCognito"/> user pool.</summary>
public enum LocalUserStatus
{
    /// <summary><c>CONFIRMED</c>: signs in with the password.</summary>
    Confirmed = 0,

    /// <summary><c>FORCE_CHANGE_PASSWORD</c>: after the password, must answer <c>NEW_PASSWORD_REQUIRED</c>.</summary>
    ForceChangePassword,
}
