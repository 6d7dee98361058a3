namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>
/// The keys under which the chain's handlers hand state to each other live on the caller's own
/// <see cref="HttpRequestMessage.Options"/>: they are named under the library's prefix, each its own, so no option a
/// caller sets (an empty name included) is overwritten by the chain or read back as the chain's state.
/// </summary>
[TestFixture]
public sealed class AmplifyRequestOptionKeysTests
{
    [Test]
    public void Keys_EachNamedUnderTheLibrarysPrefix()
    {
        Assert.That(
            new[] { AmplifyRequestOptionKeys.Credentials.Key, AmplifyRequestOptionKeys.State.Key, AmplifyRequestOptionKeys.UriAsGiven.Key },
            Is.EqualTo(new[] { "AmplifyAuthHandlers.Credentials", "AmplifyAuthHandlers.State", "AmplifyAuthHandlers.UriAsGiven" }));
    }

    [Test]
    public void GetState_CallersOptionWithAnEmptyName_IsNotTheChainsState()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:9/dev/items");
        request.Options.Set(new HttpRequestOptionsKey<string>(""), "the caller's own");
        request.Options.Set(AmplifyRequestOptionKeys.State, new AmplifyRequestState(false, false) { IsEndpointOrigin = true });

        Assert.Multiple(() =>
        {
            Assert.That(AmplifyRequestOptionKeys.GetState(request), Is.Not.Null.And.Property(nameof(AmplifyRequestState.ShouldAuthorize)).True);
            Assert.That(request.Options.TryGetValue(new HttpRequestOptionsKey<string>(""), out var own) ? own : null, Is.EqualTo("the caller's own"));
        });
    }
}
