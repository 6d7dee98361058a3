namespace AmplifyAuthHandlers.Tests;

[TestFixture]
public sealed class AmplifyConfigurationExceptionTests
{
    [Test]
    public void Constructor_OneProblem_IsTheMessageOnOneLine()
    {
        var ex = new AmplifyConfigurationException(["Endpoint 'orders' has no URL (Endpoints:orders:Endpoint)."]);

        Assert.That(ex.Message, Is.EqualTo("Amplify REST API configuration is invalid: Endpoint 'orders' has no URL (Endpoints:orders:Endpoint)."));
        Assert.That(ex.Problems, Is.EqualTo(new[] { "Endpoint 'orders' has no URL (Endpoints:orders:Endpoint)." }));
        Assert.That(ex.InnerException, Is.Null);
    }

    [Test]
    public void Constructor_SeveralProblems_CountsAndListsEachOnItsOwnLine()
    {
        var inner = new InvalidOperationException("read");
        var ex = new AmplifyConfigurationException(["first", "second"], inner);

        var nl = Environment.NewLine;
        Assert.That(ex.Message, Is.EqualTo($"Amplify REST API configuration is invalid (2 problems):{nl} - first{nl} - second"));
        Assert.That(ex.Problems, Has.Count.EqualTo(2));
        Assert.That(ex.InnerException, Is.SameAs(inner));
    }

    [Test]
    public void Constructor_NullProblems_ThrowsArgumentNull()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => _ = new AmplifyConfigurationException(null!))!.ParamName, Is.EqualTo("problems"));
    }
}
