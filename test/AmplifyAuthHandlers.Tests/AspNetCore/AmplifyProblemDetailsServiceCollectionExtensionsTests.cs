using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

/// <summary>AddAmplifyProblemDetails in a real app on 127.0.0.1: a minimal API route and an MVC controller throw the library's exceptions.</summary>
[TestFixture]
public sealed class AmplifyProblemDetailsServiceCollectionExtensionsTests
{
    private const string UpstreamBody = "{\"message\":\"upstream-body-secret\"}";
    private const string CognitoMessage = "cognito-message-secret";

    private WebApplication _app = null!;
    private HttpClient _http = null!;

    internal static Exception Exception(string kind) => kind switch
    {
        "not-signed-in" => new AmplifyNotSignedInException("Endpoint 'orders' (AMAZON_COGNITO_USER_POOLS) needs a signed-in user, and there is none; the request was not sent."),
        "session-expired" => new SessionExpiredException($"The refresh token was refused (NotAuthorizedException: {CognitoMessage})."),
        "upstream" => new AmplifyHttpStatusException("orders", HttpMethod.Get, "/orders", HttpStatusCode.InternalServerError,
            new Dictionary<string, IReadOnlyList<string>> { ["x-amzn-ErrorType"] = ["InternalServerErrorException:http://internal.amazon.com/"] }, UpstreamBody),
        "cognito" => new CognitoServiceException(CognitoMessage, "TooManyRequestsException", HttpStatusCode.BadRequest),
        "credentials" => new AwsCredentialsUnavailableException($"Identity pool refused ({CognitoMessage}).", "ResourceNotFoundException"),
        "timeout" => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 2 seconds elapsing.", new TimeoutException("A task was canceled.")),
        _ => new InvalidOperationException("not the library's"),
    };

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAmplifyProblemDetails();
        builder.Services.AddControllers().AddApplicationPart(typeof(ProblemDetailsTestController).Assembly);
        _app = builder.Build();
        _app.UseExceptionHandler();
        _app.MapGet("/minimal/{kind}", (string kind) => Results.Text(kind == "ok" ? "ok" : throw Exception(kind)));
        _app.MapControllers();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [TestCase("minimal", "not-signed-in", 401, "Not signed in", "This request needs a signed-in caller")]
    [TestCase("mvc", "not-signed-in", 401, "Not signed in", "This request needs a signed-in caller")]
    [TestCase("minimal", "session-expired", 401, "Session expired", "sign in again")]
    [TestCase("mvc", "session-expired", 401, "Session expired", "sign in again")]
    [TestCase("minimal", "upstream", 502, "The upstream API failed", "The upstream endpoint 'orders' answered 500 InternalServerError (InternalServerErrorException).")]
    [TestCase("mvc", "upstream", 502, "The upstream API failed", "The upstream endpoint 'orders' answered 500 InternalServerError (InternalServerErrorException).")]
    [TestCase("minimal", "cognito", 502, "Amazon Cognito failed", "(TooManyRequestsException)")]
    [TestCase("mvc", "cognito", 502, "Amazon Cognito failed", "(TooManyRequestsException)")]
    [TestCase("minimal", "credentials", 503, "AWS credentials unavailable", "(ResourceNotFoundException); try again later.")]
    [TestCase("mvc", "credentials", 503, "AWS credentials unavailable", "(ResourceNotFoundException); try again later.")]
    [TestCase("minimal", "timeout", 503, "The upstream API timed out", "did not finish within its timeout")]
    [TestCase("mvc", "timeout", 503, "The upstream API timed out", "did not finish within its timeout")]
    public async Task UseExceptionHandler_LibraryException_AnswersProblemDetailsWithoutUpstreamText(string route, string kind, int status, string title, string detail)
    {
        using var response = await _http.GetAsync(new Uri($"/{route}/{kind}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(status));
            Assert.That(problem["type"]!.GetValue<string>(), Is.EqualTo("urn:amplify-auth-handlers:problem:" + kind.Replace("upstream", "upstream-error", StringComparison.Ordinal).Replace("cognito", "cognito-error", StringComparison.Ordinal).Replace("credentials", "credentials-unavailable", StringComparison.Ordinal).Replace("timeout", "upstream-timeout", StringComparison.Ordinal)));
            Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo(title));
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(detail));
            Assert.That(text, Does.Not.Contain("upstream-body-secret").And.Not.Contain(CognitoMessage).And.Not.Contain("internal.amazon.com").And.Not.Contain("the request was not sent"));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), status == 401 ? Is.EqualTo("Bearer") : Is.Empty);
        });
        if (kind == "upstream")
        {
            Assert.That(problem["endpoint"]!.GetValue<string>(), Is.EqualTo("orders"));
            Assert.That(problem["upstreamStatus"]!.GetValue<int>(), Is.EqualTo(500));
        }
    }

    [TestCase("minimal")]
    [TestCase("mvc")]
    public async Task UseExceptionHandler_OtherException_IsLeftToTheDefault(string route)
    {
        using var response = await _http.GetAsync(new Uri($"/{route}/other", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(text, Does.Not.Contain("amplify-auth-handlers"));
    }

    [Test]
    public void AddAmplifyProblemDetails_CalledTwice_RegistersOneHandler()
    {
        var services = new ServiceCollection();

        services.AddAmplifyProblemDetails().AddAmplifyProblemDetails();

        Assert.That(services.Count(d => d.ServiceType == typeof(Microsoft.AspNetCore.Diagnostics.IExceptionHandler)), Is.EqualTo(1));
    }
}
