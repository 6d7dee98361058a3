namespace AmplifyAuthHandlers.IntegrationTests;

/// <summary>Asserts that a call fails with a <see cref="CognitoServiceException"/> of one error code.</summary>
internal static class CognitoAssert
{
    public static CognitoServiceException ThrowsAsync(string errorCode, AsyncTestDelegate code)
    {
        var exception = Assert.ThrowsAsync<CognitoServiceException>(code);
        Assert.That(exception!.ErrorCode, Is.EqualTo(errorCode));
        return exception;
    }

    public static CognitoServiceException Throws(string errorCode, TestDelegate code)
    {
        var exception = Assert.Throws<CognitoServiceException>(code);
        Assert.That(exception!.ErrorCode, Is.EqualTo(errorCode));
        return exception;
    }
}
