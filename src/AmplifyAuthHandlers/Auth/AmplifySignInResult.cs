namespace AmplifyAuthHandlers;

/// <summary>The outcome of a sign-in step: signed in, or what to answer next.</summary>
public sealed class AmplifySignInResult
{
    /// <summary>Creates a sign-in outcome; public so that a test can fake <see cref="IAmplifyAuth"/>.</summary>
    /// <param name="nextStep">What the caller must do next, or <see cref="AmplifySignInStep.Done"/> when signed in.</param>
    /// <param name="additionalInfo">Cognito's non-secret details of the challenge; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nextStep"/> is not an <see cref="AmplifySignInStep"/> value.</exception>
    public AmplifySignInResult(AmplifySignInStep nextStep, IReadOnlyDictionary<string, string>? additionalInfo = null)
    {
        if (!Enum.IsDefined(nextStep))
        {
            throw new ArgumentOutOfRangeException(nameof(nextStep), nextStep, "Not a sign-in step.");
        }

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
    /// <returns>For example <c>AmplifySignInResult { IsSignedIn = False, NextStep = ConfirmSignInWithSmsMfaCode }</c>.</returns>
    public override string ToString() => $"AmplifySignInResult {{ IsSignedIn = {IsSignedIn}, NextStep = {NextStep} }}";
}
