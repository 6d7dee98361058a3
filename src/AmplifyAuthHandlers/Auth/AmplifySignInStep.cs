namespace AmplifyAuthHandlers;

/// <summary>What a sign-in needs next, as Amplify names its steps.</summary>
public enum AmplifySignInStep
{
    /// <summary>Signed in.</summary>
    Done = 0,

    /// <summary><c>NEW_PASSWORD_REQUIRED</c>: answer with the new password.</summary>
    ConfirmSignInWithNewPassword,

    /// <summary><c>SMS_MFA</c>: answer with the code sent by SMS.</summary>
    ConfirmSignInWithSmsMfaCode,

    /// <summary><c>SOFTWARE_TOKEN_MFA</c>: answer with the authenticator app's code.</summary>
    ConfirmSignInWithTotpCode,

    /// <summary><c>SELECT_MFA_TYPE</c>: answer with <c>SMS_MFA</c> or <c>SOFTWARE_TOKEN_MFA</c>.</summary>
    ContinueSignInWithMfaSelection,
}
