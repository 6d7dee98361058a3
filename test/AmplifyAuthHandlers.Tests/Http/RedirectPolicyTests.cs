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

    private sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);
}
