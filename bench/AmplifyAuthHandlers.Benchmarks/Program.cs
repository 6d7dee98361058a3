using AmplifyAuthHandlers.Benchmarks;
using BenchmarkDotNet.Running;

if (args is ["gateway", .. var rest])
{
    await LocalApiGatewayMeasurement.RunAsync(rest);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
