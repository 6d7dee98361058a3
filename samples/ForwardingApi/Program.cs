// An ASP.NET Core minimal API that calls a downstream Amplify API on behalf of its caller, with the caller's own
// Cognito token (and, for AWS_IAM, the caller's authenticated-role credentials). See README.md; the app is built
// in ForwardingApiApp so the integration tests can start it.
await using var app = await Samples.ForwardingApi.ForwardingApiApp.CreateAsync(args, Console.Out, CancellationToken.None);
await app.Web.StartAsync();
if (app.Emulator is not null)
{
    // Nobody can call in with a token of the in-process emulator, so play a client app once to show the answers.
    await app.CallAsDemoUserAsync(Console.Out, CancellationToken.None);
}

await app.Web.WaitForShutdownAsync();
