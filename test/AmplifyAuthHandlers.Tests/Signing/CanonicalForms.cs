using System.Text;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

/// <summary>Runs the internal canonicalisers into strings for assertions.</summary>
internal static class CanonicalForms
{
    public static string Path(string path, bool normalize = true, bool doubleEncode = true)
    {
        var builder = new Utf8Builder(16);
        try
        {
            CanonicalPath.Append(ref builder, path, normalize, doubleEncode);
            return Encoding.UTF8.GetString(builder.Written);
        }
        finally
        {
            builder.Dispose();
        }
    }

    public static string Query(string query)
    {
        var builder = new Utf8Builder(16);
        try
        {
            CanonicalQuery.Append(ref builder, query);
            return Encoding.UTF8.GetString(builder.Written);
        }
        finally
        {
            builder.Dispose();
        }
    }

    public static string HeaderValue(string value)
    {
        var builder = new Utf8Builder(16);
        try
        {
            CanonicalHeaders.AppendTrimmedValue(ref builder, value);
            return Encoding.UTF8.GetString(builder.Written);
        }
        finally
        {
            builder.Dispose();
        }
    }
}
