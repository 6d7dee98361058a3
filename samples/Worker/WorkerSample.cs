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
        await using var backend = await SampleBackend.StartAsync(builder.Configuration, output, SampleBackend.IamAndUserPoolApis, cancellationToken);

        // One named HttpClient per REST API in the file, each with the handlers its authorizationType needs.
        builder.Services.AddAmplifyRestApi(backend.ConfigurationFile);
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
