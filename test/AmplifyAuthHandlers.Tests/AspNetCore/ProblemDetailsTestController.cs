using Microsoft.AspNetCore.Mvc;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

/// <summary>An MVC controller for <see cref="AmplifyProblemDetailsServiceCollectionExtensionsTests"/>: it throws what it is asked to.</summary>
[ApiController]
[Route("mvc")]
public sealed class ProblemDetailsTestController : ControllerBase
{
    [HttpGet("{kind}")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "MVC actions are instance methods.")]
    public IActionResult Get(string kind) => throw AmplifyProblemDetailsServiceCollectionExtensionsTests.Exception(kind);
}
