using AmplifyAuthHandlers;
using Refit;

namespace Samples.TypedClients;

/// <summary>Registers the typed and Refit clients, signs in, calls both; <c>Program.cs</c> and the tests call it.</summary>
public static class TypedClientsSample
{
    /// <summary>Runs the sample once and returns what each client's call answered.</summary>
    /// <param name="args">Command-line arguments; <c>--Amplify:ConfigurationFile=path</c> picks a real Amplify app.</param>
    /// <param name="output">Where to say which backend is used.</param>
    /// <param name="cancellationToken">Stops the calls.</param>
    /// <returns>The typed client's call, then the Refit client's.</returns>
    public static async Task<IReadOnlyList<ClientCall>> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(args);

        // Amplify:ConfigurationFile empty (the default): start the local emulator and use the file it writes.
        await using var backend = await SampleBackend.StartAsync(builder.Configuration, output, SampleBackend.IamAndUserPoolApis, cancellationToken);
        var ordersApi = builder.Configuration["Sample:OrdersApi"] ?? "iam";          // an AWS_IAM API
        var invoicesApi = builder.Configuration["Sample:InvoicesApi"] ?? "userPools"; // an AMAZON_COGNITO_USER_POOLS API

        builder.Services.AddAmplifyRestApi(backend.ConfigurationFile);

        // The typed client and the Refit client each call one endpoint of the configuration, with its handlers.
        builder.Services.AddHttpClient<OrdersClient>().AddAmplifyAuthorization(ordersApi);
        builder.Services.AddRefitGeneratedClient<IInvoicesApi>().AddAmplifyAuthorization(invoicesApi);

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            // Sign in, so the AWS_IAM API sees the authenticated role and the user-pool API gets the user's token.
            var auth = host.Services.GetRequiredService<IAmplifyAuth>();
            if (backend.User is not { } user)
            {
                throw new InvalidOperationException("No user to sign in as: set Sample:Username and Sample:Password (user secrets or environment variables, never appsettings.json).");
            }

            var signIn = await auth.SignInAsync(user.Username, user.Password, cancellationToken);
            if (!signIn.IsSignedIn)
            {
                throw new InvalidOperationException($"Sign-in of '{user.Username}' needs another step ({signIn.NextStep}); this sample signs in with a password only.");
            }

            var orders = await host.Services.GetRequiredService<OrdersClient>().GetOrdersAsync(cancellationToken);
            using var invoices = await host.Services.GetRequiredService<IInvoicesApi>().GetInvoicesAsync(cancellationToken);
            var invoicesCall = new ClientCall(nameof(IInvoicesApi), (int?)invoices.StatusCode ?? 0, invoices.Content ?? invoices.Error?.Message ?? string.Empty);

            await auth.SignOutAsync(cancellationToken: cancellationToken);
            return [orders, invoicesCall];
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
