using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AmplifyAuthHandlers;

/// <summary>A request body for <see cref="IAmplifyRestApi"/>: bytes, text, or an object serialized as JSON.</summary>
public sealed class AmplifyRestBody
{
    private readonly ReadOnlyMemory<byte> _bytes;

    private AmplifyRestBody(ReadOnlyMemory<byte> bytes, string contentType)
    {
        _bytes = bytes;
        ContentType = contentType;
    }

    /// <summary>Gets the body's media type, sent as <c>Content-Type</c>.</summary>
    /// <value>For example <c>application/json; charset=utf-8</c>.</value>
    public string ContentType { get; }

    /// <summary>A body of raw bytes.</summary>
    /// <param name="bytes">The bytes, sent as they are.</param>
    /// <param name="contentType">The media type.</param>
    /// <returns>The body.</returns>
    public static AmplifyRestBody FromBytes(ReadOnlyMemory<byte> bytes, string contentType = "application/octet-stream")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return new(bytes, contentType);
    }

    /// <summary>A body of text, encoded as UTF-8.</summary>
    /// <param name="text">The text.</param>
    /// <param name="mediaType">The media type; <c>charset=utf-8</c> is added.</param>
    /// <returns>The body.</returns>
    public static AmplifyRestBody FromString(string text, string mediaType = "text/plain")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        return new(Encoding.UTF8.GetBytes(text), $"{mediaType}; charset=utf-8");
    }

    /// <summary>A JSON body serialized with source-generated metadata (trim- and AOT-safe).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">Its metadata, from a <c>JsonSerializerContext</c>.</param>
    /// <returns>The body.</returns>
    public static AmplifyRestBody FromJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), "application/json; charset=utf-8");
    }

    /// <summary>A JSON body serialized by reflection.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="options">Serializer options; camelCase web defaults when null.</param>
    /// <returns>The body.</returns>
    [RequiresUnreferencedCode("Reflection-based JSON serialization; use FromJson(value, JsonTypeInfo) when trimming.")]
    [RequiresDynamicCode("Reflection-based JSON serialization; use FromJson(value, JsonTypeInfo) for native AOT.")]
    [SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads", Justification = "The other overload takes JsonTypeInfo instead of the options, not more parameters; a call cannot confuse them.")]
    public static AmplifyRestBody FromJson<T>(T value, JsonSerializerOptions? options = null) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, options ?? WebDefaults), "application/json; charset=utf-8");

    private static readonly JsonSerializerOptions WebDefaults = new(JsonSerializerDefaults.Web);

    internal HttpContent ToContent()
    {
        var content = new ReadOnlyMemoryContent(_bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        return content;
    }
}
