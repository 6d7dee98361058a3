using AmplifyAuthHandlers.Tests.TestSupport;

namespace AmplifyAuthHandlers.Tests.Http;

[TestFixture]
public sealed class RedirectPolicyTests
{
    [Test]
    public void TakeOver_SocketsUnderDelegatingHandlers_TurnsAutoRedirectOffAndKeepsTheUsersSettings()
    {
        var sockets = new SocketsHttpHandler { MaxAutomaticRedirections = 7 };

        var policy = RedirectPolicy.TakeOver(new PassThroughHandler(new PassThroughHandler(sockets)));

        Assert.That(sockets.AllowAutoRedirect, Is.False);
        Assert.That(policy.FollowSameOrigin, Is.True);
        Assert.That(policy.MaxRedirects, Is.EqualTo(7));
        Assert.That(policy.PrimaryFollowsRedirects, Is.False);
    }

    [Test]
    public void TakeOver_SameHandlerAgain_RemembersThatTheUserWantedRedirects()
    {
        // HttpClientFactory builds a new handler every HandlerLifetime; a primary factory may return the same instance.
        var sockets = new HttpClientHandler();
        _ = RedirectPolicy.TakeOver(sockets);

        var again = RedirectPolicy.TakeOver(sockets);

        Assert.That(again.FollowSameOrigin, Is.True);
        Assert.That(again.PrimaryFollowsRedirects, Is.False);
    }

    [Test]
    public void TakeOver_UserTurnedRedirectsOff_FollowsNothing()
    {
        var policy = RedirectPolicy.TakeOver(new SocketsHttpHandler { AllowAutoRedirect = false });

        Assert.That(policy.FollowSameOrigin, Is.False);
        Assert.That(policy.PrimaryFollowsRedirects, Is.False);
    }

    [Test]
    public async Task TakeOver_HandlerThatHasSentBefore_ReportsThatItStillFollowsRedirects()
    {
        await using var server = await LoopbackServer.StartAsync();
        var sockets = new SocketsHttpHandler();
        using (var invoker = new HttpMessageInvoker(sockets, disposeHandler: false))
        {
            (await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Origin + "/"), CancellationToken.None)).Dispose();
        }

        var policy = RedirectPolicy.TakeOver(new PassThroughHandler(sockets));

        Assert.That(policy.PrimaryFollowsRedirects, Is.True);
        Assert.That(sockets.AllowAutoRedirect, Is.True);
        sockets.Dispose();
    }

    [Test]
    public void TakeOver_UnknownPrimaryShape_FollowsNothingItself()
    {
        using var mock = AmplifyTestHost.NewMock();

        var policy = RedirectPolicy.TakeOver(new PassThroughHandler(mock));

        Assert.That(policy.KnownShape, Is.False);
        Assert.That(policy.FollowSameOrigin, Is.False, "3xx an unknown handler returns are the caller's");
        Assert.That(policy.PrimaryFollowsRedirects, Is.False);
    }

    [Test]
    public void TakeOver_HttpClientHandler_TurnsItOffAndKeepsItsLimit()
    {
        using var client = new HttpClientHandler { MaxAutomaticRedirections = 4 };

        var policy = RedirectPolicy.TakeOver(client);

        Assert.That(client.AllowAutoRedirect, Is.False);
        Assert.That((policy.FollowSameOrigin, policy.MaxRedirects, policy.PrimaryFollowsRedirects, policy.KnownShape), Is.EqualTo((true, 4, false, true)));
    }

    [Test]
    public void TakeOver_UserTurnedRedirectsOff_KeepsTheLimitAndKnowsTheShape()
    {
        var policy = RedirectPolicy.TakeOver(new PassThroughHandler(new HttpClientHandler { AllowAutoRedirect = false, MaxAutomaticRedirections = 3 }));

        Assert.That((policy.FollowSameOrigin, policy.MaxRedirects, policy.PrimaryFollowsRedirects, policy.KnownShape), Is.EqualTo((false, 3, false, true)));
    }

    [Test]
    public async Task TakeOver_HandlerThatHasSentBefore_KeepsTheLimitAndFollowsNothingItself()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var sockets = new SocketsHttpHandler { MaxAutomaticRedirections = 6 };
        using (var invoker = new HttpMessageInvoker(sockets, disposeHandler: false))
        {
            (await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Origin + "/"), CancellationToken.None)).Dispose();
        }

        var policy = RedirectPolicy.TakeOver(sockets);

        Assert.That((policy.FollowSameOrigin, policy.MaxRedirects, policy.KnownShape), Is.EqualTo((false, 6, true)));
    }

    [TestCase(63, true)]
    [TestCase(64, false)]
    public void FindSocketHandler_UnderManyDelegatingHandlers_LooksAtMost64Deep(int wrappers, bool found)
    {
        var sockets = new SocketsHttpHandler();
        HttpMessageHandler top = sockets;
        for (var i = 0; i < wrappers; i++)
        {
            top = new PassThroughHandler(top);
        }

        Assert.That(RedirectPolicy.FindSocketHandler(top), found ? Is.SameAs(sockets) : Is.Null);
        sockets.Dispose();
    }

    [Test]
    public void FindSocketHandler_DelegatingHandlerWithoutInner_IsNull()
    {
        Assert.That(RedirectPolicy.FindSocketHandler(new PassThroughHandlerWithoutInner()), Is.Null);
        Assert.That(RedirectPolicy.FindSocketHandler(null), Is.Null);
    }

    private sealed class PassThroughHandlerWithoutInner : DelegatingHandler;

    private sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);
}
