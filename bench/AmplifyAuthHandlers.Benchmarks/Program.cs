using AmplifyAuthHandlers.Benchmarks;
using BenchmarkDotNet.Running;

if (args is ["gateway", .. var rest])
{
    await LocalApiGatewayMeasurement.RunAsync(rest);
    return;
}

if (args is ["chain", .. var chainArgs])
{
    await ChainThroughputMeasurement.RunAsync(chainArgs);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
