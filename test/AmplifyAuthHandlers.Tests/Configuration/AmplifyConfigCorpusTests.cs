using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers.Tests.Configuration;

/// <summary>
/// The 28 Amplify configuration files of <c>../shared/amplify-config-corpus/files/</c> (Amplify's own tests and docs,
/// public apps; provenance in its provenance.tsv), read in place through <c>AddAmplifyRestApi(path)</c> and start-up
/// validation: each loads or fails as Amplify's own clients would treat it, and where this library deliberately
/// differs the reason says so. The files are never copied into the repository.
/// </summary>
[TestFixture]
public sealed class AmplifyConfigCorpusTests
{
    private static readonly Lazy<string> Corpus = new(LocateCorpus);

    /// <summary>Every file, with what must happen and why.</summary>
    private static readonly Dictionary<string, Expectation> Expected = new(StringComparer.Ordinal)
    {
        ["g1-amplify-android-api-without-spec.json"] = Fails(
            "amplify-android's negative test: an API with no endpoint throws a configuration exception",
            "'endpoint' is missing at $.awsAPIPlugin.api1.endpoint"),
        ["g1-amplify-android-auth-only.json"] = Loads(
            "auth only: both pools; no REST endpoints (IAmplifyAuth works, IAmplifyRestApi has none)",
            userPool: true, identityPool: true),
        ["g1-amplify-android-multi-gql-zero-rest.json"] = Loads(
            "GraphQL only: Amplify Android configures it; the GraphQL APIs are skipped with a log, zero REST endpoints",
            skippedGraphQl: ["api1", "api2"]),
        ["g1-amplify-android-single-gql-single-rest.json"] = Loads(
            "one REST endpoint with an API key; the GraphQL one is skipped",
            endpoints: new() { ["api2"] = AmplifyAuthorizationType.ApiKey }, skippedGraphQl: ["api1"]),
        ["g1-amplify-flutter-cli-generated-latest-api.json"] = Fails(
            "a parsing fixture: 'rest/endpoint' is no URL, so Amplify Flutter could not call it either",
            "'rest/endpoint' at $.api.plugins.awsAPIPlugin.REST.endpoint is not an absolute URI"),
        ["g1-amplify-flutter-cli-generated-latest-auth.json"] = Loads(
            "the CLI's full auth file: HostedUI and OAuth are Amplify keys this library does not need, read silently",
            userPool: true, identityPool: true),
        ["g1-amplify-flutter-dummy-empty.json"] = Fails(
            "a build placeholder with no category: Amplify configures nothing from it, and this library has nothing to register",
            "has no REST endpoints or auth settings"),
        ["g1-amplify-flutter-e2e-latest-graphql-auth.json"] = Loads(
            "GraphQL and auth: the GraphQL API is skipped, both pools load",
            skippedGraphQl: ["latest"], userPool: true, identityPool: true),
        ["g1-amplify-flutter-mapping-test-multi-api.json"] = Fails(
            "a mapping fixture with placeholder URLs; no Amplify client could call 'fake-rest-url-1'",
            "'fake-rest-url-1' at $.api.plugins.awsAPIPlugin.rest1.endpoint is not an absolute URI"),
        ["g1-amplify-swift-configure-test-rest-apikey-http.json"] = Fails(
            "Amplify Swift accepts it, but this library refuses an API key over http:// to a host that is not loopback (docs/security.md)",
            "'http://www.example.com' at $.awsAPIPlugin.Test.endpoint uses http:// to a host that is not loopback"),
        ["g1-amplify-swift-rest-userpool-readme.json"] = Loads(
            "a user-pool REST API whose file has no user pool (the README adds auth in another step): its tokens may still come from caller-token forwarding, so it loads; without a token source the first call fails with 'not signed in', as Amplify Swift's does",
            endpoints: new() { ["apid7c040db"] = AmplifyAuthorizationType.AmazonCognitoUserPools }),
        ["g1-docs-rest-apikey-snippet.json"] = Fails(
            "the docs' snippet still has its placeholders",
            "'YOUR-REST-ENDPOINT' at $.awsAPIPlugin.[YOUR-RESTENDPOINT-NAME].endpoint is not an absolute URI"),
        ["g1-docs-rest-oidc-snippet.json"] = Fails(
            "the docs' snippet is not JSON ('...' line, trailing commas); every Amplify client's JSON parser refuses it",
            "is not valid JSON: line 2"),
        ["g1-user-clique_comms-rest-none.json"] = Loads(
            "an app's file: one NONE endpoint and both pools",
            endpoints: new() { ["todoapi"] = AmplifyAuthorizationType.None }, userPool: true, identityPool: true),
        ["g1-user-dating_meet-rest-userpools-custom-domain.json"] = Loads(
            "an app's file: a user-pool REST API on a custom domain; UsernameAliases and SignupAttributes are no Amplify keys of CognitoUserPool.Default, so they are warned about",
            endpoints: new() { ["DatingMeetAPI"] = AmplifyAuthorizationType.AmazonCognitoUserPools }, skippedGraphQl: ["meet"], userPool: true, identityPool: true,
            warnings: ["CognitoUserPool.Default.UsernameAliases", "CognitoUserPool.Default.SignupAttributes"]),
        ["g1-user-flut-nocli-rest-userpools.json"] = Loads(
            "a hand-written file: a user-pool REST API and its pool",
            endpoints: new() { ["YOUR_API_NAME"] = AmplifyAuthorizationType.AmazonCognitoUserPools }, userPool: true),
        ["g1-user-ottens-graphql-without-endpoint.json"] = Loads(
            "GraphQL only (its entry lacks an endpoint, which Amplify Flutter would reject; GraphQL entries are skipped unread here, as docs/configuration.md says)",
            skippedGraphQl: ["flutteramplify"]),
        ["g1-user-photly-rest-iam-no-identity-pool.json"] = Fails(
            "an AWS_IAM API with no identity pool: Amplify has no credentials to sign with and fails at the call; this library at start-up",
            "Endpoint 'apitest'", "AWS_IAM"),
        ["g1-user-todo_app-adminqueries-userpools.json"] = Loads(
            "an app's AdminQueries API (user pools) with an app-client secret",
            endpoints: new() { ["AdminQueries"] = AmplifyAuthorizationType.AmazonCognitoUserPools }, userPool: true),
        ["g2-amplify-backend-generator-v1.4.json"] = Loads(
            "Gen2 with auth and data: data (GraphQL) is skipped; pool IDs without a region prefix are accepted as Amplify does",
            skippedGraphQl: ["data"], userPool: true, identityPool: true),
        ["g2-amplify-flutter-authenticator-email-empty-ids.json"] = Fails(
            "every auth ID is empty (nothing deployed): Amplify could not sign anyone in",
            "has no user_pool_id, user_pool_client_id or identity_pool_id (or they are empty)"),
        ["g2-amplify-flutter-fake-rest_api-iam-data-apikey.json"] = Loads(
            "Gen2 rest_api with AWS_IAM and both pools; data is skipped",
            endpoints: new() { ["api123"] = AmplifyAuthorizationType.AwsIam }, skippedGraphQl: ["data"], userPool: true, identityPool: true),
        ["g2-amplify-flutter-fake-rest_api-iam.json"] = Loads(
            "Gen2 rest_api with AWS_IAM and both pools; data is skipped",
            endpoints: new() { ["api123"] = AmplifyAuthorizationType.AwsIam }, skippedGraphQl: ["data"], userPool: true, identityPool: true),
        ["g2-amplify-flutter-schema-faker-outputs.json"] = Fails(
            "schema-faker values: 'elit laboris Excepteur et sed' is no region, so no Cognito call could be made",
            "'elit laboris Excepteur et sed' is not an AWS region name"),
        ["g2-amplify-js-mock-amplify_outputs.json"] = Loads(
            "amplify-js's mock outputs: auth loads, data is skipped",
            skippedGraphQl: ["data"], userPool: true, identityPool: true),
        ["g2-user-smartcampusstaff-custom-API.json"] = Loads(
            "custom.API from backend.addOutput: signed with AWS_IAM as amplify-js does (logged as a default), identity pool present",
            endpoints: new() { ["NecHttp"] = AmplifyAuthorizationType.AwsIam }, skippedGraphQl: ["data"], userPool: true, identityPool: true),
        ["js-amplify-js-mock-amplifyconfiguration.json"] = Loads(
            "the JavaScript-flavoured mock: both pools, its AppSync API skipped, no REST",
            skippedGraphQl: ["aws_appsync_graphqlEndpoint"], userPool: true, identityPool: true),
        ["js-user-mva-aws-exports-cloud-logic.json"] = Fails(
            "aws_cloud_logic_custom is signed with identity-pool credentials, but the identity pool is empty: amplify-js would then send the request unsigned; this library refuses at start-up instead of silently not signing",
            "Endpoint 'leads-api'", "AWS_IAM"),
    };

    public static IEnumerable<TestCaseData> Files() =>
        Expected.Keys.Order(StringComparer.Ordinal).Select(file => new TestCaseData(file).SetName($"AddAmplifyRestApi_CorpusFile_{file}"));

    [Test]
    public void Corpus_EveryFile_HasAnExpectation()
    {
        var files = Directory.GetFiles(Path.Combine(Corpus.Value, "files")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.That(files, Is.EqualTo(Expected.Keys.Order(StringComparer.Ordinal)), "a corpus file was added or removed: write down how Amplify treats it");
        Assert.That(files, Has.Count.EqualTo(28));
    }

    [TestCaseSource(nameof(Files))]
    public void AddAmplifyRestApi_CorpusFile_LoadsOrFailsAsAmplifyWould(string fileName)
    {
        var expected = Expected[fileName];
        var path = Path.Combine(Corpus.Value, "files", fileName);
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddAmplifyRestApi(path);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        if (expected.FailsWith is { } fragments)
        {
            var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value, expected.Reason);
            Assert.That(ex!.Failures, Has.Some.Matches<string>(f => fragments.All(fragment => f.Contains(fragment, StringComparison.Ordinal))),
                $"{expected.Reason}; failures: {string.Join(" | ", ex.Failures)}");
            return;
        }

        AmplifyRestApiOptions options = null!;
        Assert.DoesNotThrow(() => options = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value, expected.Reason);
        var records = logs.GetSnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(options.Endpoints.ToDictionary(e => e.Key, e => e.Value.AuthorizationType), Is.EquivalentTo(expected.Endpoints), expected.Reason);
            Assert.That(options.Auth.UserPool?.PoolId is { Length: > 0 }, Is.EqualTo(expected.UserPool), "user pool: " + expected.Reason);
            Assert.That(options.Auth.IdentityPool?.PoolId is { Length: > 0 }, Is.EqualTo(expected.IdentityPool), "identity pool: " + expected.Reason);
            var skipped = records.Where(r => r.Id.Id == 1101).Select(r => r.Message).SingleOrDefault() ?? "";
            foreach (var name in expected.SkippedGraphQl)
            {
                Assert.That(skipped, Does.Contain(name), "skipped GraphQL: " + expected.Reason);
            }

            if (expected.SkippedGraphQl.Length == 0)
            {
                Assert.That(skipped, Is.Empty, "skipped GraphQL: " + expected.Reason);
            }

            var warnings = records.Where(r => r.Id.Id == 1110).Select(r => r.Message).ToList();
            Assert.That(warnings, Has.Count.EqualTo(expected.Warnings.Length), "warnings: " + string.Join(" | ", warnings));
            foreach (var warning in expected.Warnings)
            {
                Assert.That(warnings, Has.One.Contains(warning), "warnings: " + expected.Reason);
            }
        });
    }

    private static Expectation Loads(string reason, Dictionary<string, AmplifyAuthorizationType>? endpoints = null, string[]? skippedGraphQl = null,
        bool userPool = false, bool identityPool = false, string[]? warnings = null) =>
        new(reason, null, endpoints ?? [], skippedGraphQl ?? [], userPool, identityPool, warnings ?? []);

    private static Expectation Fails(string reason, params string[] fragments) => new(reason, fragments, [], [], false, false, []);

    /// <summary>
    /// The repository root comes from the build (assembly metadata <c>RepositoryRoot</c>), else from walking up to the
    /// directory holding AmplifyAuthHandlers.sln; the corpus is <c>../shared/amplify-config-corpus</c> from there.
    /// </summary>
    private static string LocateCorpus()
    {
        var roots = new List<string>();
        var fromBuild = typeof(AmplifyConfigCorpusTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (!string.IsNullOrEmpty(fromBuild))
        {
            roots.Add(Path.GetFullPath(fromBuild));
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AmplifyAuthHandlers.sln")))
            {
                roots.Add(directory.FullName);
                break;
            }
        }

        var looked = roots.Select(root => Path.GetFullPath(Path.Combine(root, "..", "shared", "amplify-config-corpus"))).Distinct(StringComparer.Ordinal).ToList();
        foreach (var candidate in looked)
        {
            if (Directory.Exists(Path.Combine(candidate, "files")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The Amplify configuration corpus was not found. It is read in place from ../shared/amplify-config-corpus/files/ beside the " +
            "repository root, as CI provides shared/ next to the clone (never copied into the repository). Looked in: " +
            (looked.Count == 0 ? "(no repository root found from " + AppContext.BaseDirectory + ")" : string.Join(", ", looked)) + ".");
    }

    private sealed record Expectation(string Reason, string[]? FailsWith, Dictionary<string, AmplifyAuthorizationType> Endpoints, string[] SkippedGraphQl,
        bool UserPool, bool IdentityPool, string[] Warnings);
}
