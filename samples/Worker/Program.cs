// A worker service that calls Amplify REST APIs: an AWS_IAM API as a guest, then signed in (authenticated role),
// then a Cognito user-pool API. See README.md; the logic is in WorkerSample so the integration tests can run it.
await Samples.Worker.WorkerSample.RunAsync(args, Console.Out, CancellationToken.None);
