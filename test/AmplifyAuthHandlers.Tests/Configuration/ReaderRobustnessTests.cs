using System.Text;
using Microsoft.Extensions.Configuration;

namespace AmplifyAuthHandlers.Tests.Configuration;

/// <summary>
/// Whatever the input, the readers record problems instead of throwing: every prefix of valid files, and
/// seeded random corruptions of them, must read without an exception escaping.
/// </summary>
[TestFixture]
public sealed class ReaderRobustnessTests
{
    private static readonly string[] ValidFiles =
    [
        AmplifyPageSnippets.FullFile(AmplifyPageSnippets.ApiKeyEndpoint, AmplifyPageSnippets.CognitoAuthPlugin),
        """{ "version": "1.3", "auth": { "aws_region": "us-east-2", "user_pool_id": "us-east-2_p", "user_pool_client_id": "c", "identity_pool_id": "us-east-2:1" }, "rest_api": { "o": { "url": "https://o.execute-api.us-east-2.amazonaws.com/v1", "aws_region": "us-east-2", "authorization_type": "API_KEY", "api_key": "k" } }, "custom": { "API": { "l": { "endpoint": "https://l.example.com/dev", "region": "us-east-2" } } } }""",
    ];

    private static readonly string[] Replacements = ["null", "42", "true", "[]", "{}", "\"\"", "\"x\"", "[{}]", "-1e999", "\"\\u0000\""];

    [Test]
    public void ReadJson_EveryPrefixOfValidFiles_NeverThrows()
    {
        foreach (var file in ValidFiles)
        {
            var bytes = Encoding.UTF8.GetBytes(file);
            for (var length = 0; length <= bytes.Length; length++)
            {
                var result = AmplifyJsonConfigurationReader.ReadJson(bytes.AsSpan(0, length), "prefix");
                if (length < bytes.Length)
                {
                    Assert.That(result.Options.LoadProblems, Is.Not.Empty, $"a {length}-byte prefix is not a valid file");
                }
            }
        }
    }

    [Test]
    public void ReadJson_SeededValueSwaps_NeverThrowAndNeverComeBackSilentlyEmpty()
    {
        var random = new Random(20261126);
        var swaps = 0;
        var explained = 0;
        foreach (var file in ValidFiles)
        {
            for (var i = 0; i < 400; i++)
            {
                var mutated = SwapOneValue(file, random);
                swaps++;
                var result = AmplifyJsonConfigurationReader.ReadJson(Encoding.UTF8.GetBytes(mutated), "mutated");
                var options = result.Options;
                var readSomething = options.Endpoints.Count > 0 || options.Auth.UserPool is not null || options.Auth.IdentityPool is not null;
                Assert.That(options.LoadProblems.Count > 0 || readSomething, Is.True, mutated);
                explained += options.LoadProblems.Count > 0 ? 1 : 0;
            }
        }

        Assert.That(swaps, Is.EqualTo(800));
        Assert.That(explained, Is.GreaterThan(100), "many swaps put a wrong type where a string or object belongs");
    }

    [Test]
    public void Read_ConfigurationWithOddShapes_NeverThrows()
    {
        var random = new Random(7);
        string[] keys = ["Endpoint", "Url", "Region", "AuthorizationType", "ApiKey", "AllowCrossOriginRequests", "Headers:x", "Headers", "TokenType", "BearerPrefix"];
        string?[] values = [null, "", " ", "::", "http://", "true", "maybe", "AWS_IAM", "12", new string('x', 5000)];
        for (var i = 0; i < 500; i++)
        {
            var data = new Dictionary<string, string?>();
            for (var k = 0; k < 4; k++)
            {
                data[$"Amplify:Endpoints:e{random.Next(3)}:{keys[random.Next(keys.Length)]}"] = values[random.Next(values.Length)];
            }

            var section = new ConfigurationBuilder().AddInMemoryCollection(data).Build().GetSection("Amplify");
            Assert.DoesNotThrow(() => AmplifyConfigurationSectionReader.Read(section, new AmplifyRestApiOptions()));
        }
    }

    /// <summary>Replaces one JSON scalar or container value (after a ':') with a value of another type.</summary>
    private static string SwapOneValue(string json, Random random)
    {
        var colons = Enumerable.Range(0, json.Length).Where(i => json[i] == ':').ToArray();
        var start = colons[random.Next(colons.Length)] + 1;
        while (start < json.Length && json[start] == ' ')
        {
            start++;
        }

        var end = ValueEnd(json, start);
        return json[..start] + Replacements[random.Next(Replacements.Length)] + json[end..];
    }

    private static int ValueEnd(string json, int start)
    {
        if (json[start] == '"')
        {
            var i = start + 1;
            while (json[i] != '"' || json[i - 1] == '\\')
            {
                i++;
            }

            return i + 1;
        }

        if (json[start] is '{' or '[')
        {
            var depth = 0;
            var inString = false;
            for (var i = start; i < json.Length; i++)
            {
                var c = json[i];
                if (c == '"' && json[i - 1] != '\\')
                {
                    inString = !inString;
                }
                else if (!inString && c is '{' or '[')
                {
                    depth++;
                }
                else if (!inString && c is '}' or ']' && --depth == 0)
                {
                    return i + 1;
                }
            }

            return json.Length;
        }

        var end = start;
        while (end < json.Length && json[end] is not (',' or '}' or ']'))
        {
            end++;
        }

        return end;
    }
}
