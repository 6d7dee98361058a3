using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// A Cognito Identity stand-in answering GetId, GetCredentialsForIdentity and GetOpenIdToken with the botocore model's
/// shapes and error format, counting calls, with switches for the error paths. It checks what it is given: a POST to
/// <see cref="ServiceUri"/>, the JSON 1.1 content type and target, the pool ID, only the model's fields, and Logins
/// naming <see cref="LoginsProvider"/>; anything else is answered with <c>UnexpectedRequestException</c>.
/// </summary>
internal sealed class FakeCognitoIdentity : HttpMessageHandler
{
    /// <summary>The identity pool every test of this fake uses unless it sets <see cref="IdentityPoolId"/>.</summary>
    public const string DefaultPoolId = "us-west-2:00000000-0000-0000-0000-000000000000";

    private static readonly Dictionary<string, (string Required, string[] Allowed)> Fields = new(StringComparer.Ordinal)
    {
        ["AWSCognitoIdentityService.GetId"] = ("IdentityPoolId", ["IdentityPoolId", "AccountId", "Logins"]),
        ["AWSCognitoIdentityService.GetCredentialsForIdentity"] = ("IdentityId", ["IdentityId", "Logins", "CustomRoleArn"]),
        ["AWSCognitoIdentityService.GetOpenIdToken"] = ("IdentityId", ["IdentityId", "Logins"]),
    };

    private int _getId;
    private int _getCredentials;
    private int _identitySerial;
    private int _getOpenIdToken;
    private int _arrived;
    private readonly List<(int Count, TaskCompletionSource Signal)> _arrivalWaiters = [];

    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    public bool GuestAccessDisabled { get; set; }

    /// <summary>Identity IDs this fake no longer knows (deleted identities).</summary>
    public HashSet<string> UnknownIdentities { get; } = [];

    /// <summary>Identity IDs this fake refuses with NotAuthorizedException (another pool's, or the logins don't match).</summary>
    public HashSet<string> RefusedIdentities { get; } = [];

    /// <summary>When set, every call waits for it (to pile up concurrent callers).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int GetIdCalls => Volatile.Read(ref _getId);

    public int GetCredentialsCalls => Volatile.Read(ref _getCredentials);

    public int GetOpenIdTokenCalls => Volatile.Read(ref _getOpenIdToken);

    /// <summary>Where the client must send its requests (an endpoint override changes it).</summary>
    public Uri ServiceUri { get; set; } = new("https://cognito-identity.us-west-2.amazonaws.com/");

    /// <summary>The pool GetId must name.</summary>
    public string IdentityPoolId { get; set; } = DefaultPoolId;

    /// <summary>The only provider name a Logins map may carry.</summary>
    public string LoginsProvider { get; set; } = "cognito-idp.us-west-2.amazonaws.com/us-west-2_pool";

    /// <summary>How many calls have reached this fake (before the <see cref="Gate"/>).</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Completes once <paramref name="count"/> calls have reached this fake (a background call included), or fails after a minute.</summary>
    public Task ArrivalAsync(int count)
    {
        lock (_arrivalWaiters)
        {
            if (_arrived >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _arrivalWaiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    public List<JsonObject> Requests { get; } = [];

    public List<Uri> RequestUris { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_arrivalWaiters)
        {
            var arrived = ++_arrived;
            foreach (var waiter in _arrivalWaiters.Where(w => w.Count <= arrived))
            {
                waiter.Signal.TrySetResult();
            }
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var target = request.Headers.TryGetValues("X-Amz-Target", out var targets) ? string.Join(",", targets) : "(none)";
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        lock (Requests)
        {
            Requests.Add(body);
            RequestUris.Add(request.RequestUri!);
        }

        if (Unexpected(request, target, body) is { } problem)
        {
            return Error("UnexpectedRequestException", problem);
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

                if (RefusedIdentities.Contains(identityId))
                {
                    return Error("NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity or identity pool.");
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

    /// <summary>What is wrong with a request, or null: this fake answers only what Cognito would accept.</summary>
    private string? Unexpected(HttpRequestMessage request, string target, JsonObject body)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri != ServiceUri)
        {
            return $"{request.Method} {request.RequestUri}; expected POST {ServiceUri}";
        }

        if (request.Content!.Headers.ContentType?.MediaType != "application/x-amz-json-1.1")
        {
            return $"Content-Type {request.Content.Headers.ContentType}";
        }

        if (!Fields.TryGetValue(target, out var fields))
        {
            return $"X-Amz-Target {target}";
        }

        if (body[fields.Required] is not JsonValue required || string.IsNullOrEmpty(required.GetValue<string>()))
        {
            return $"{target} without {fields.Required}";
        }

        if (body.Select(p => p.Key).FirstOrDefault(k => !fields.Allowed.Contains(k)) is { } unknown)
        {
            return $"{target} with the field {unknown}, which the model does not have";
        }

        if (fields.Required == "IdentityPoolId" && required.GetValue<string>() != IdentityPoolId)
        {
            return $"GetId for pool {required.GetValue<string>()}; expected {IdentityPoolId}";
        }

        if (body["Logins"] is JsonObject logins
            && logins.Any(l => l.Key != LoginsProvider || l.Value is not JsonValue value || string.IsNullOrEmpty(value.GetValue<string>())))
        {
            return $"Logins {string.Join(",", logins.Select(l => l.Key))}; expected {LoginsProvider} with a token";
        }

        return null;
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
