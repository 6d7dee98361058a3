namespace AmplifyAuthHandlers.Tests;

[TestFixture]
public sealed class AmplifyInvalidHeaderExceptionTests
{
    [Test]
    public void Constructor_NamesEndpointHeaderAndProblem()
    {
        var ex = new AmplifyInvalidHeaderException("orders", "x-trace", "has a line break");

        Assert.That(ex.Message, Does.StartWith("Endpoint 'orders': header 'x-trace' has a line break; the request was not sent."));
        Assert.That(ex.Message, Does.Contain("HTTP tokens"));
        Assert.That((ex.EndpointName, ex.HeaderName), Is.EqualTo(("orders", "x-trace")));
    }

    [Test]
    public void Constructor_HeaderNameWithControlAndNonAsciiCharacters_PrintsThemAsQuestionMarks()
    {
        var ex = new AmplifyInvalidHeaderException("orders", "x-a\r\nx-b:\u00e9~ ", "is not a token");

        Assert.That(ex.Message, Does.Contain("header 'x-a??x-b:?~ ' is not a token"), "a line break in the name cannot split a log line");
        Assert.That(ex.Message, Does.Not.Contain("\r").And.Not.Contain("\n"));
        Assert.That(ex.HeaderName, Is.EqualTo("x-a\r\nx-b:\u00e9~ "), "the property keeps the name as given");
    }

    [Test]
    public void Printable_Null_SaysSo()
    {
        Assert.That(AmplifyInvalidHeaderException.Printable(null), Is.EqualTo("(null)"));
        Assert.That(AmplifyInvalidHeaderException.Printable("\u001f !~\u007f"), Is.EqualTo("? !~?"));
    }
}
