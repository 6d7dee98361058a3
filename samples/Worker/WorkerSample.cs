using AmplifyAuthHandlers.DependencyInjection;

namespace Samples.Worker;

/// <summary>Builds and runs the worker host; <c>Program.cs</c> and the integration tests call it.</summary>
public static class WorkerSample
{
    /// <summary>Runs the worker once through its calls and returns what each call answered.</summary>
    /// <param name="args">Command-line arguments; <c>--Amplify:ConfigurationFile=path</c> picks a real Amplify app.</param>
    /// <param name="output">Where to say which backend is used.</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <returns>The calls, in order.</returns>
    public static async Task<IReadOnlyList<WorkerCall>> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(args);

        // Amplify:ConfigurationFile empty (the default): start the local emulator and use the file it writes.
        await using var backend = await SampleBackend.StartAsync(builder.Configuration, output, cancellationToken);

        // One named HttpClient per REST API in the file, each with the handlers its authorizationType needs.
        builder.Services.AddAmplifyRestApi(backend.ConfigurationFile)
            // The file may list OPENID_CONNECT and AWS_LAMBDA APIs too (the emulator's lists all six), and start-up
            // validation wants a token source for each. OIDC APIs get the signed-in user's ID token; this worker
            // calls no Lambda-authorized API, so its function has no token to give (a real app returns its own).
            .AddOidcTokenProvider<SignedInUserIdToken>()
            .AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>(null));
        builder.Services.Configure<WorkerOptions>(builder.Configuration.GetSection("Sample"));
        var report = new WorkerReport(backend.User);
        builder.Services.AddSingleton(report);
        builder.Services.AddHostedService<AmplifyCallsWorker>();

        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
        if (report.Failure is not null)
        {
            throw new InvalidOperationException("The worker failed: " + report.Failure.Message, report.Failure);
        }

        return [.. report.Calls];
    }
}
