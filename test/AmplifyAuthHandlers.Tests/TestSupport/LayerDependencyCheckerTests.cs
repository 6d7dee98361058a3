namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>Proves the layer check can fail: synthetic types in "Signing" that reach into "Http" every way a back-arrow can.</summary>
[TestFixture]
public sealed class LayerDependencyCheckerTests
{
    private static readonly Dictionary<Type, string> Folders = new()
    {
        [typeof(SigningPiece)] = "Signing",
        [typeof(HttpPiece)] = "Http",
        [typeof(SigningByField)] = "Signing",
        [typeof(SigningByBody)] = "Signing",
        [typeof(SigningByGenericReturn)] = "Signing",
        [typeof(SigningByBase)] = "Signing",
        [typeof(SigningByParameter)] = "Signing",
    };

    private static IReadOnlyList<LayerDependencyChecker.Violation> Check(params Type[] types) =>
        LayerDependencyChecker.Check(types, t => Folders.GetValueOrDefault(t), (from, to) => from == "Http" && to == "Signing");

    [Test]
    public void Check_UseToTheLeft_IsAllowed() =>
        Assert.That(Check(typeof(HttpPiece), typeof(SigningPiece)), Is.Empty);

    [TestCase(typeof(SigningByField), "field")]
    [TestCase(typeof(SigningByBody), "body of")]
    [TestCase(typeof(SigningByGenericReturn), "return of")]
    [TestCase(typeof(SigningByBase), "base type")]
    [TestCase(typeof(SigningByParameter), "parameter of")]
    public void Check_UseToTheRight_IsReportedWithWhere(Type offender, string where)
    {
        var violations = Check(offender);

        Assert.That(violations, Is.Not.Empty);
        Assert.That(violations.Select(v => (v.FromFolder, v.ToFolder)), Is.All.EqualTo(("Signing", "Http")), string.Join("\n", violations));
        Assert.That(violations.Select(v => v.ToType), Is.All.EndWith(nameof(HttpPiece)));
        Assert.That(violations.Select(v => v.Where), Has.Some.StartWith(where), string.Join("\n", violations));
    }

    private sealed class SigningPiece
    {
        public int Value { get; set; }
    }

    private class HttpPiece
    {
        public SigningPiece Piece { get; } = new();
    }

    private sealed class SigningByField
    {
        public HttpPiece? Back { get; set; }
    }

    private sealed class SigningByBody
    {
        public static object Touch() => new HttpPiece();
    }

    private sealed class SigningByGenericReturn
    {
        public static IReadOnlyList<HttpPiece> Items() => [];
    }

    private sealed class SigningByBase : HttpPiece;

    private sealed class SigningByParameter
    {
        public static bool Take(HttpPiece? piece) => piece is not null;
    }
}
