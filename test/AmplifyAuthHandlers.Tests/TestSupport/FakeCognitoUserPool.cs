using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// A Cognito user-pool stand-in for InitiateAuth (password, SRP, refresh), RespondToAuthChallenge and
/// RevokeToken, issuing JWT-shaped tokens that expire after <see cref="TokenLifetime"/>.
/// </summary>
internal sealed class FakeCognitoUserPool : HttpMessageHandler
{
    private readonly HashSet<string> _rotatedOut = new(StringComparer.Ordinal);
    private int _issued;
    private int _refreshes;

    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public string Password { get; set; } = "correct horse";

    /// <summary>The first challenge after a correct password (NEW_PASSWORD_REQUIRED, SMS_MFA, …), or none.</summary>
    public string? ChallengeAfterPassword { get; set; }

    /// <summary>Each refresh issues a new refresh token and, as Cognito's rotation does, refuses the old one from then on.</summary>
    public bool RotateRefreshTokens { get; set; }

    public bool RefreshTokenRevoked { get; set; }

    public TaskCompletionSource? RefreshGate { get; set; }

    /// <summary>Completed when a refresh reaches <see cref="RefreshGate"/>: the refresh is in flight at Cognito.</summary>
    public TaskCompletionSource RefreshStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Refreshes => Volatile.Read(ref _refreshes);

    public List<(string Target, JsonObject Body)> Calls { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.GetValues("X-Amz-Target").Single().Split('.')[1];
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        lock (Calls)
        {
            Calls.Add((target, body));
        }

        switch (target)
        {
            case "InitiateAuth":
                var flow = body["AuthFlow"]!.GetValue<string>();
                var parameters = body["AuthParameters"]!.AsObject();
                if (flow == "REFRESH_TOKEN_AUTH")
                {
                    Interlocked.Increment(ref _refreshes);
                    RefreshStarted.TrySetResult();
                    if (RefreshGate is { } gate)
                    {
                        await gate.Task.WaitAsync(cancellationToken);
                    }

                    var presented = parameters["REFRESH_TOKEN"]!.GetValue<string>();
                    lock (_rotatedOut)
                    {
                        if (RefreshTokenRevoked || _rotatedOut.Contains(presented))
                        {
                            return Error("NotAuthorizedException", "Refresh Token has been revoked");
                        }

                        if (RotateRefreshTokens)
                        {
                            _rotatedOut.Add(presented);
                        }
                    }

                    return Tokens(includeRefresh: RotateRefreshTokens);
                }

                if (flow == "USER_SRP_AUTH")
                {
                    return Json(new JsonObject
                    {
                        ["ChallengeName"] = "PASSWORD_VERIFIER",
                        ["ChallengeParameters"] = new JsonObject
                        {
                            ["USER_ID_FOR_SRP"] = "uuid-of-" + parameters["USERNAME"]!.GetValue<string>(),
                            ["SRP_B"] = "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12",
                            ["SALT"] = "1a2b3c4d5e6f",
                            ["SECRET_BLOCK"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("secret-block")),
                        },
                    });
                }

                if (parameters["PASSWORD"]?.GetValue<string>() != Password)
                {
                    return Error("NotAuthorizedException", "Incorrect username or password.");
                }

                return ChallengeAfterPassword is { } challenge ? Challenge(challenge) : Tokens(includeRefresh: true);

            case "RespondToAuthChallenge":
                var name = body["ChallengeName"]!.GetValue<string>();
                if (name == "PASSWORD_VERIFIER")
                {
                    return ChallengeAfterPassword is { } next ? Challenge(next) : Tokens(includeRefresh: true);
                }

                return Tokens(includeRefresh: true);

            case "RevokeToken":
            case "GlobalSignOut":
                return Json([]);

            default:
                return Error("UnknownOperationException", target);
        }
    }

    private HttpResponseMessage Tokens(bool includeRefresh)
    {
        var n = Interlocked.Increment(ref _issued);
        var expires = Now() + TokenLifetime;
        var result = new JsonObject
        {
            ["AccessToken"] = TestJwt.Create(expires, "sub-1", "access", "user-1", $"access-{n}"),
            ["IdToken"] = TestJwt.Create(expires, "sub-1", "id", "user-1", $"id-{n}"),
            ["TokenType"] = "Bearer",
        };
        if (includeRefresh)
        {
            result["RefreshToken"] = $"refresh-{n}";
        }

        return Json(new JsonObject { ["AuthenticationResult"] = result, ["ChallengeParameters"] = new JsonObject() });
    }

    private static HttpResponseMessage Challenge(string name) => Json(new JsonObject
    {
        ["ChallengeName"] = name,
        ["Session"] = "session-" + name,
        ["ChallengeParameters"] = new JsonObject
        {
            ["USER_ID_FOR_SRP"] = "user-1",
            ["CODE_DELIVERY_DESTINATION"] = "+*******1234",
            ["MFAS_CAN_CHOOSE"] = "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]",
        },
    });

    private static HttpResponseMessage Json(JsonObject body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
    };

    private static HttpResponseMessage Error(string type, string message) => new(HttpStatusCode.BadRequest)
    {
        Content = new StringContent(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
    };
}
