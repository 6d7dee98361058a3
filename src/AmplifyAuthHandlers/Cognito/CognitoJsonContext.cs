using System.Text.Json.Serialization;

namespace AmplifyAuthHandlers;

/// <summary>
/// Source-generated JSON metadata of every Cognito shape this library sends or reads. Property names are the C#
/// names, which are Cognito's PascalCase wire names; absent optional members are not written.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(GetIdRequest))]
[JsonSerializable(typeof(GetIdResponse))]
[JsonSerializable(typeof(GetCredentialsForIdentityRequest))]
[JsonSerializable(typeof(GetCredentialsForIdentityResponse))]
[JsonSerializable(typeof(GetOpenIdTokenRequest))]
[JsonSerializable(typeof(GetOpenIdTokenResponse))]
[JsonSerializable(typeof(InitiateAuthRequest))]
[JsonSerializable(typeof(RespondToAuthChallengeRequest))]
[JsonSerializable(typeof(CognitoAuthResponse))]
[JsonSerializable(typeof(RevokeTokenRequest))]
[JsonSerializable(typeof(GlobalSignOutRequest))]
internal sealed partial class CognitoJsonContext : JsonSerializerContext
{
}
