using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.ApiGateway;

[TestFixture]
public sealed class LambdaAuthorizerResultTests
{
    [Test]
    public void Factories_CarryTheirEffectAndPrincipal()
    {
        Assert.Multiple(() =>
        {
            Assert.That((LambdaAuthorizerResult.Allow("a").Effect, LambdaAuthorizerResult.Allow("a").PrincipalId), Is.EqualTo((LambdaAuthorizerEffect.Allow, "a")));
            Assert.That((LambdaAuthorizerResult.Deny("d").Effect, LambdaAuthorizerResult.Deny("d").PrincipalId), Is.EqualTo((LambdaAuthorizerEffect.Deny, "d")));
            Assert.That((LambdaAuthorizerResult.NotAllowed("n").Effect, LambdaAuthorizerResult.NotAllowed("n").PrincipalId), Is.EqualTo((LambdaAuthorizerEffect.NotAllowed, "n")));
            Assert.That(LambdaAuthorizerResult.NotAllowed().PrincipalId, Is.Null);
            Assert.That((LambdaAuthorizerResult.Unauthorized.Effect, LambdaAuthorizerResult.Unauthorized.PrincipalId), Is.EqualTo((LambdaAuthorizerEffect.Unauthorized, (string?)null)));
        });
    }
}
