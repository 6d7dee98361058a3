using System.Security.Claims;
using AmplifyAuthHandlers.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

[TestFixture]
public sealed class CallerTokenReaderTests
{
    [TestCase("Bearer abc.def.ghi", "abc.def.ghi")]
    [TestCase("bearer   abc ", "abc")]
    [TestCase("BEARER abc", "abc")]
    public void TryReadCallerToken_BearerValue_ReturnsTokenWithoutScheme(string header, string expected)
    {
        var (reader, accessor) = Create();
        accessor.HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller(header);

        Assert.That(reader.TryGetToken(out var token, out _), Is.True);
        Assert.That(token, Is.EqualTo(expected));
    }

    [TestCase("Bearer", "is not a 'Bearer' token")]
    [TestCase("Bearerabc", "is not a 'Bearer' token")]
    [TestCase("Basic abc", "is not a 'Bearer' token")]
    [TestCase("Bearer abc def", "is not a single token")]
    public void TryReadCallerToken_NotASingleBearerToken_ReportsWhyWithoutTheValue(string header, string expected)
    {
        var (reader, accessor) = Create();
        accessor.HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller(header);

        Assert.That(reader.TryGetToken(out _, out var problem), Is.False);
        Assert.That(problem, Does.Contain(expected).And.Not.Contain("abc"));
    }

    [Test]
    public void TryReadCallerToken_TwoAuthorizationHeaders_Refuses()
    {
        var (reader, accessor) = Create();
        var context = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller(null);
        context.Request.Headers.Authorization = new Microsoft.Extensions.Primitives.StringValues(["Bearer a", "Bearer b"]);
        accessor.HttpContext = context;

        Assert.That(reader.TryGetToken(out _, out var problem), Is.False);
        Assert.That(problem, Does.Contain("more than one 'Authorization' header"));
    }

    [Test]
    public void TryReadCallerIdToken_NothingConfigured_UsesTheBearerToken()
    {
        var (reader, accessor) = Create();
        accessor.HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer id-jwt");

        Assert.That(reader.TryGetIdToken(out var idToken, out _), Is.True);
        Assert.That(idToken, Is.EqualTo("id-jwt"));
    }

    [Test]
    public void TryReadCallerIdToken_HeaderConfigured_ReadsThatHeaderOverClaim()
    {
        var (reader, accessor) = Create(options =>
        {
            options.IdTokenHeaderName = "X-Id-Token";
            options.IdTokenClaimType = "id_token";
        });
        var context = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer access-jwt");
        context.Request.Headers["X-Id-Token"] = "id-from-header";
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("id_token", "id-from-claim")], "test"));
        accessor.HttpContext = context;

        Assert.That(reader.TryGetIdToken(out var idToken, out _), Is.True);
        Assert.That(idToken, Is.EqualTo("id-from-header"));
    }

    [Test]
    public void TryReadCallerIdToken_ClaimConfigured_ReadsTheClaim()
    {
        var (reader, accessor) = Create(options => options.IdTokenClaimType = "id_token");
        var context = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer access-jwt");
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("id_token", "id-from-claim")], "test"));
        accessor.HttpContext = context;

        Assert.That(reader.TryGetIdToken(out var idToken, out _), Is.True);
        Assert.That(idToken, Is.EqualTo("id-from-claim"));
    }

    [Test]
    public void TryReadCallerIdToken_ClaimMissing_ReportsTheClaim()
    {
        var (reader, accessor) = Create(options => options.IdTokenClaimType = "id_token");
        accessor.HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer access-jwt");

        Assert.That(reader.TryGetIdToken(out _, out var problem), Is.False);
        Assert.That(problem, Is.EqualTo("the caller has no 'id_token' claim"));
    }

    [Test]
    public void TryReadCallerIdToken_UnauthenticatedCallerWithBearer_RefusesBeforeAnyExchange()
    {
        var (reader, accessor) = Create();
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer any-string-at-all";
        accessor.HttpContext = context;

        Assert.That(reader.TryGetIdToken(out _, out var problem), Is.False);
        Assert.That(reader.TryGetToken(out _, out var tokenProblem), Is.False);
        Assert.That(problem, Does.StartWith("the caller is not authenticated").And.Contain("RequireAuthenticatedCaller = false").And.Not.Contain("any-string"));
        Assert.That(tokenProblem, Is.EqualTo(problem));
    }

    [Test]
    public void TryReadCallerIdToken_UnauthenticatedCallerAndRequirementOff_ReadsTheBearer()
    {
        var (reader, accessor) = Create(options => options.RequireAuthenticatedCaller = false);
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer id-jwt";
        accessor.HttpContext = context;

        Assert.That(reader.TryGetIdToken(out var idToken, out _), Is.True);
        Assert.That(idToken, Is.EqualTo("id-jwt"));
    }

    [TestCase(false, true, false)]
    [TestCase(true, true, true)]
    [TestCase(true, false, false)]
    public void AllowsGuestCredentials_OptInWithinARequestOnly(bool optIn, bool inRequest, bool expected)
    {
        var (reader, accessor) = Create(options => options.AllowGuestCredentials = optIn);
        accessor.HttpContext = inRequest ? AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller(null) : null;

        Assert.That(reader.AllowsGuestCredentials, Is.EqualTo(expected));
    }

    private static (CallerTokenReader Reader, IHttpContextAccessor Accessor) Create(Action<AmplifyCallerTokenForwardingOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddAmplifyCallerTokenForwarding(configure);
        var provider = services.BuildServiceProvider(validateScopes: true);
        return (provider.GetRequiredService<CallerTokenReader>(), provider.GetRequiredService<IHttpContextAccessor>());
    }
}
