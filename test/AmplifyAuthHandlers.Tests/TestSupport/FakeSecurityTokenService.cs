using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// An STS stand-in for AssumeRoleWithWebIdentity: reads the form body, records it, answers with the Query protocol's
/// XML (success or ErrorResponse), counting calls. Access keys name the call and the role: ASIASTS{n}-{role name}.
/// It checks what it is given: a form POST to <see cref="ServiceUri"/> with the action, version and every parameter
/// AssumeRoleWithWebIdentity requires, and none it does not know; anything else is refused with <c>InvalidAction</c>.
/// </summary>
internal sealed class FakeSecurityTokenService : HttpMessageHandler
{
    private static readonly string[] Required = ["Action", "Version", "RoleArn", "RoleSessionName", "WebIdentityToken"];
    private static readonly string[] Optional = ["DurationSeconds"];

    private int _calls;
    private int _arrived;

    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When set, every call is refused with this status, code and message.</summary>
    public (HttpStatusCode Status, string Code, string Message)? Refuse { get; set; }

    /// <summary>When set, every call waits for it (to pile up concurrent callers).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>How many callers have reached this fake (before the <see cref="Gate"/>).</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Where the client must send its requests (the regional endpoint unless an override changes it).</summary>
    public Uri ServiceUri { get; set; } = new("https://sts.us-west-2.amazonaws.com/");

    public List<Dictionary<string, string>> Requests { get; } = [];

    public List<Uri> RequestUris { get; } = [];

    /// <summary>The access key issued for each web identity token.</summary>
    public ConcurrentDictionary<string, string> IssuedByToken { get; } = new(StringComparer.Ordinal);

    public static string RoleNameOf(string roleArn) => roleArn[(roleArn.LastIndexOf('/') + 1)..];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _arrived);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        var form = (await request.Content!.ReadAsStringAsync(cancellationToken))
            .Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')), StringComparer.Ordinal);
        lock (Requests)
        {
            Requests.Add(form);
            RequestUris.Add(request.RequestUri!);
        }

        var n = Interlocked.Increment(ref _calls);
        if (request.Method != HttpMethod.Post || request.Content.Headers.ContentType?.MediaType != "application/x-www-form-urlencoded")
        {
            return Xml(HttpStatusCode.BadRequest, ErrorXml("InvalidAction", "Expected a form POST."));
        }

        if (request.RequestUri != ServiceUri)
        {
            return Xml(HttpStatusCode.BadRequest, ErrorXml("InvalidAction", $"Sent to {request.RequestUri}; expected {ServiceUri}."));
        }

        if (Required.FirstOrDefault(key => !form.TryGetValue(key, out var value) || value.Length == 0) is { } missing)
        {
            return Xml(HttpStatusCode.BadRequest, ErrorXml("MissingParameter", $"{missing} is required."));
        }

        if (form.Keys.FirstOrDefault(key => !Required.Contains(key) && !Optional.Contains(key)) is { } unknown)
        {
            return Xml(HttpStatusCode.BadRequest, ErrorXml("InvalidParameterValue", $"Unknown parameter {unknown}."));
        }

        if (form["Action"] != "AssumeRoleWithWebIdentity" || form["Version"] != "2011-06-15")
        {
            return Xml(HttpStatusCode.BadRequest, ErrorXml("InvalidAction", $"Action {form["Action"]}, version {form["Version"]}."));
        }

        if (Refuse is { } refuse)
        {
            return Xml(refuse.Status, ErrorXml(refuse.Code, refuse.Message));
        }

        var expiration = (Now() + CredentialLifetime).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var role = RoleNameOf(form["RoleArn"]);
        IssuedByToken[form["WebIdentityToken"]] = $"ASIASTS{n}-{role}";
        return Xml(HttpStatusCode.OK, $"""
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <SubjectFromWebIdentityToken>us-west-2:identity</SubjectFromWebIdentityToken>
                <Audience>us-west-2:pool</Audience>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::123456789012:assumed-role/{role}/{form["RoleSessionName"]}</Arn>
                  <AssumedRoleId>AROAFAKE:{form["RoleSessionName"]}</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <SessionToken>sts-session-{n}</SessionToken>
                  <SecretAccessKey>sts-secret-{n}</SecretAccessKey>
                  <Expiration>{expiration}</Expiration>
                  <AccessKeyId>ASIASTS{n}-{role}</AccessKeyId>
                </Credentials>
                <Provider>cognito-identity.amazonaws.com</Provider>
              </AssumeRoleWithWebIdentityResult>
              <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
            </AssumeRoleWithWebIdentityResponse>
            """);
    }

    public static string ErrorXml(string code, string message) => $"""
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
          <RequestId>00000000-0000-0000-0000-000000000000</RequestId>
        </ErrorResponse>
        """;

    private static HttpResponseMessage Xml(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "text/xml"),
    };
}
