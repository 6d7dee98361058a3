namespace AmplifyAuthHandlers.Signing;

/// <summary>A header to sign: its name as sent (any case) and its value as it goes on the wire.</summary>
internal readonly record struct SignableHeader(string Name, string Value)
{
    /// <summary>Names the header only: values include <c>X-Amz-Security-Token</c>.</summary>
    public override string ToString() => $"SignableHeader {{ Name = {Name} }}";
}
