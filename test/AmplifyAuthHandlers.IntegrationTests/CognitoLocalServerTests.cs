using System.Text.Json.Nodes;

namespace AmplifyAuthHandlers.IntegrationTests;

[TestFixture]
public sealed class CognitoLocalServerTests
{
    private CognitoLocalServer _server = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp() => _server = await CognitoLocalServer.GetSharedAsync();

    [Test]
    public void Endpoint_IsLoopback() =>
        Assert.That(_server.Endpoint.IsLoopback && _server.Endpoint.Host == "127.0.0.1", Is.True, _server.Endpoint.ToString());

    [Test]
    public async Task Jwks_ForCreatedPool_ServesAnRsaSigningKey()
    {
        var poolId = await _server.CreateUserPoolAsync("jwks-tests");
        using var http = new HttpClient();

        var json = JsonNode.Parse(await http.GetStringAsync(new Uri(_server.Endpoint, $"{poolId}/.well-known/jwks.json")))!;

        var key = json["keys"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)key["kty"], Is.EqualTo("RSA"));
            Assert.That((string?)key["use"], Is.EqualTo("sig"));
            Assert.That((string?)key["alg"], Is.EqualTo("RS256"));
            Assert.That((string?)key["n"], Is.Not.Null.And.Not.Empty);
        });
    }

    [Test]
    public async Task GetSharedAsync_CalledTwice_ReturnsTheSameServer() =>
        Assert.That(await CognitoLocalServer.GetSharedAsync(), Is.SameAs(_server));
}
