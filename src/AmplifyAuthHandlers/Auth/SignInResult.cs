namespace AmplifyAuthHandlers.Auth;

/// <summary>The outcome of a sign-in step: signed in, or what to answer next.</summary>
public sealed class SignInResult
{
    internal SignInResult(AmplifySignInStep nextStep, IReadOnlyDictionary<string, string>? additionalInfo = null)
    {
        NextStep = nextStep;
        AdditionalInfo = additionalInfo ?? new Dictionary<string, string>();
    }

    /// <summary>Gets whether the user is signed in.</summary>
    /// <value><see langword="true"/> when <see cref="NextStep"/> is <see cref="AmplifySignInStep.Done"/>.</value>
    public bool IsSignedIn => NextStep == AmplifySignInStep.Done;

    /// <summary>Gets what the caller must do next.</summary>
    /// <value>A step to complete with <see cref="IAmplifyAuth.ConfirmSignInAsync"/>, or <see cref="AmplifySignInStep.Done"/>.</value>
    public AmplifySignInStep NextStep { get; }

    /// <summary>Gets Cognito's non-secret details of the challenge (e.g. <c>CODE_DELIVERY_DESTINATION</c>, <c>MFAS_CAN_CHOOSE</c>).</summary>
    /// <value>Empty when there are none.</value>
    public IReadOnlyDictionary<string, string> AdditionalInfo { get; }

    /// <summary>Describes the step.</summary>
    /// <returns>For example <c>SignInResult { IsSignedIn = False, NextStep = ConfirmSignInWithSmsMfaCode }</c>.</returns>
    public override string ToString() => $"SignInResult {{ IsSignedIn = {IsSignedIn}, NextStep = {NextStep} }}";
}
