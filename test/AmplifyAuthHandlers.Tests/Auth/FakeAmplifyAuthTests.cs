using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Auth;

/// <summary>
/// A user's own test fakes <see cref="IAmplifyAuth"/>: everything it needs to build has a public constructor. This
/// project sees the library's internals, so the fake is checked to use public constructors by reflection as well.
/// </summary>
[TestFixture]
public sealed class FakeAmplifyAuthTests
{
    [Test]
    public async Task SignInAsync_FakeBuiltFromPublicApi_ReturnsWhatTheTestArranged()
    {
        IAmplifyAuth auth = new FakeAmplifyAuth(
            new AmplifySignInResult(AmplifySignInStep.ConfirmSignInWithSmsMfaCode, new Dictionary<string, string> { ["CODE_DELIVERY_DESTINATION"] = "+*******0100" }),
            new AmplifyAuthSession(
                new UserPoolTokens("access-token", "id-token", "refresh-token", DateTimeOffset.UnixEpoch.AddHours(1)),
                "eu-west-1:identity",
                new AwsCredentials("AKIDEXAMPLE", "secret", "session", DateTimeOffset.UnixEpoch.AddHours(1))));

        var result = await auth.SignInAsync("alice", "password");
        var session = await auth.FetchSessionAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.IsSignedIn, Is.False);
            Assert.That(result.NextStep, Is.EqualTo(AmplifySignInStep.ConfirmSignInWithSmsMfaCode));
            Assert.That(result.AdditionalInfo["CODE_DELIVERY_DESTINATION"], Is.EqualTo("+*******0100"));
            Assert.That(session.IsSignedIn, Is.True);
            Assert.That(session.IdentityId, Is.EqualTo("eu-west-1:identity"));
            Assert.That(session.AwsCredentials!.AccessKeyId, Is.EqualTo("AKIDEXAMPLE"));
        });
    }

    [TestCase(typeof(AmplifySignInResult), new[] { typeof(AmplifySignInStep), typeof(IReadOnlyDictionary<string, string>) })]
    [TestCase(typeof(AmplifyAuthSession), new[] { typeof(UserPoolTokens), typeof(string), typeof(AwsCredentials) })]
    [TestCase(typeof(UserPoolTokens), new[] { typeof(string), typeof(string), typeof(string), typeof(DateTimeOffset?), typeof(DateTimeOffset?) })]
    [TestCase(typeof(AwsCredentials), new[] { typeof(string), typeof(string), typeof(string), typeof(DateTimeOffset?) })]
    public void Constructor_ResultOfAPublicInterface_IsPublic(Type type, Type[] parameters) =>
        Assert.That(type.GetConstructor(parameters), Is.Not.Null.And.Property(nameof(System.Reflection.ConstructorInfo.IsPublic)).True);

    [Test]
    public void Constructor_UnknownSignInStep_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AmplifySignInResult((AmplifySignInStep)999));

    private sealed class FakeAmplifyAuth(AmplifySignInResult signIn, AmplifyAuthSession session) : IAmplifyAuth
    {
        public Task<AmplifySignInResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default) => Task.FromResult(signIn);

        public Task<AmplifySignInResult> ConfirmSignInAsync(string answer, CancellationToken cancellationToken = default) =>
            Task.FromResult(new AmplifySignInResult(AmplifySignInStep.Done));

        public Task SignOutAsync(bool global = false, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<AmplifyAuthSession> FetchSessionAsync(bool forceRefresh = false, CancellationToken cancellationToken = default) => Task.FromResult(session);
    }
}
