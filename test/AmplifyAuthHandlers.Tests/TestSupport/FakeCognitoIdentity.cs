using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// A Cognito Identity stand-in answering GetId, GetCredentialsForIdentity and GetOpenIdToken with the botocore model's
/// shapes and error format, counting calls, with switches for the error paths.
/// </summary>
internal sealed class FakeCognitoIdentity : HttpMessageHandler
{
    private int _getId;
    private int _getCredentials;
    private int _identitySerial;
    private int _getOpenIdToken;

    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    public bool GuestAccessDisabled { get; set; }

    /// <summary>Identity IDs this fake no longer knows (deleted identities).</summary>
    public HashSet<string> UnknownIdentities { get; } = [];

    /// <summary>When set, every call waits for it (to pile up concurrent callers).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int GetIdCalls => Volatile.Read(ref _getId);

    public int GetCredentialsCalls => Volatile.Read(ref _getCredentials);

    public int GetOpenIdTokenCalls => Volatile.Read(ref _getOpenIdToken);

    public List<JsonObject> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var target = request.Headers.GetValues("X-Amz-Target").Single();
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        lock (Requests)
        {
            Requests.Add(body);
        }

        var hasLogins = body["Logins"] is JsonObject { Count: > 0 };
        switch (target)
        {
            case "AWSCognitoIdentityService.GetId":
                Interlocked.Increment(ref _getId);
                if (!hasLogins && GuestAccessDisabled)
                {
                    return Error("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
                }

                var serial = Interlocked.Increment(ref _identitySerial);
                return Json(new JsonObject { ["IdentityId"] = $"us-west-2:identity-{serial}{(hasLogins ? "-auth" : "-guest")}" });

            case "AWSCognitoIdentityService.GetCredentialsForIdentity":
                var n = Interlocked.Increment(ref _getCredentials);
                var identityId = body["IdentityId"]!.GetValue<string>();
                if (UnknownIdentities.Contains(identityId))
                {
                    return Error("ResourceNotFoundException", $"Identity '{identityId}' not found.");
                }

                var expiration = (Now() + CredentialLifetime).ToUnixTimeMilliseconds() / 1000.0;
                return Json(new JsonObject
                {
                    ["IdentityId"] = identityId,
                    ["Credentials"] = new JsonObject
                    {
                        ["AccessKeyId"] = $"ASIAFAKE{n}{(hasLogins ? "AUTH" : "GUEST")}",
                        ["SecretKey"] = $"secret-{n}",
                        ["SessionToken"] = $"session-{n}",
                        ["Expiration"] = JsonValue.Create(expiration),
                    },
                });

            case "AWSCognitoIdentityService.GetOpenIdToken":
                var t = Interlocked.Increment(ref _getOpenIdToken);
                var tokenIdentity = body["IdentityId"]!.GetValue<string>();
                if (UnknownIdentities.Contains(tokenIdentity))
                {
                    return Error("ResourceNotFoundException", $"Identity '{tokenIdentity}' not found.");
                }

                return Json(new JsonObject { ["IdentityId"] = tokenIdentity, ["Token"] = OpenIdTokenFor(tokenIdentity, t) });

            default:
                return Error("UnknownOperationException", target);
        }
    }

    /// <summary>The OpenID token the n-th GetOpenIdToken call returns for an identity.</summary>
    public static string OpenIdTokenFor(string identityId, int n) => string.Create(CultureInfo.InvariantCulture, $"openid.{identityId}.{n}");

    private static HttpResponseMessage Json(JsonObject body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
    };

    private static HttpResponseMessage Error(string type, string message) => new(HttpStatusCode.BadRequest)
    {
        Content = new StringContent(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }),
            Encoding.UTF8,
            "application/x-amz-json-1.1"),
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"FakeCognitoIdentity(GetId={GetIdCalls}, GetCredentials={GetCredentialsCalls}, GetOpenIdToken={GetOpenIdTokenCalls})");
}
