using System.Collections;
using System.Net.Http.Headers;
using System.Text;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// Spells out a log state or scope as text for the capturing logger providers: strings, key/value pairs, sequences
/// item by item, header collections and request messages raw (their <c>ToString</c> may redact), so a secret anywhere
/// in a record shows up.
/// </summary>
internal static class LogStateText
{
    public static string Of(object? state) => Append(new StringBuilder(), state).ToString();

    public static StringBuilder Append(StringBuilder text, object? state)
    {
        Append(text, state, depth: 0);
        return text;
    }

    private static void Append(StringBuilder text, object? value, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                text.Append(s).Append(' ');
                return;
            case HttpRequestMessage request:
                text.Append(request.RequestUri).Append(' ');
                Append(text, request.Headers, depth + 1);
                Append(text, request.Content?.Headers, depth + 1);
                return;
            case HttpHeaders headers:
                foreach (var (name, values) in headers.NonValidated)
                {
                    text.Append(name).Append(": ");
                    foreach (var item in values)
                    {
                        text.Append(item).Append(' ');
                    }
                }

                return;
            case KeyValuePair<string, object?> pair:
                text.Append(pair.Key).Append('=');
                Append(text, pair.Value, depth + 1);
                return;
            case KeyValuePair<string, IEnumerable<string>> header:
                text.Append(header.Key).Append('=');
                Append(text, header.Value, depth + 1);
                return;
            case IEnumerable sequence when depth < 6:
                foreach (var item in sequence)
                {
                    Append(text, item, depth + 1);
                }

                text.Append(value).Append(' ');
                return;
            default:
                text.Append(value).Append(' ');
                return;
        }
    }
}
