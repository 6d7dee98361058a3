// A typed HttpClient and a Refit client bound to Amplify REST APIs with AddAmplifyAuthorization(...).
// See README.md; the logic is in TypedClientsSample so the integration tests can run it.
var calls = await Samples.TypedClients.TypedClientsSample.RunAsync(args, Console.Out, CancellationToken.None);
foreach (var call in calls)
{
    Console.WriteLine($"{call.Client}: {call.StatusCode} {call.Body}");
}
