using AmplifyAuthHandlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Amplify REST endpoints as named <see cref="HttpClient"/>s with their auth handlers.</summary>
public static class AmplifyRestApiServiceCollectionExtensions
{
    /// <summary>
    /// Reads an Amplify configuration file — Gen1 <c>amplifyconfiguration.json</c> or Gen2
    /// <c>amplify_outputs.json</c>, told apart by content — and registers one named client per REST endpoint.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configurationFilePath">The file's path; a relative path is resolved against the current directory.</param>
    /// <returns>A builder to configure the endpoints further.</returns>
    /// <remarks>The file is read now, to learn the endpoint names; its problems (missing file, malformed JSON, bad values) are reported together when options are validated at start-up.</remarks>
    public static IAmplifyRestApiBuilder AddAmplifyRestApi(this IServiceCollection services, string configurationFilePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configurationFilePath);
        var read = AmplifyJsonConfigurationReader.ReadFile(configurationFilePath);
        var registry = AddCore(services);
        foreach (var name in read.Options.Endpoints.Keys)
        {
            BindEndpointClient(services, registry, name);
        }

        services.AddSingleton<IConfigureOptions<AmplifyRestApiOptions>>(provider => new ConfigureFromReadResult(read, provider.GetService<ILoggerFactory>()));
        return new AmplifyRestApiBuilder(services);
    }

    /// <summary>
    /// Reads endpoints and auth settings from a configuration section (appsettings.json, environment variables)
    /// and registers one named client per endpoint under <c>Endpoints</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("Amplify")</c>.</param>
    /// <returns>A builder to configure the endpoints further.</returns>
    public static IAmplifyRestApiBuilder AddAmplifyRestApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var registry = AddCore(services);
        foreach (var name in AmplifyConfigurationSectionReader.EndpointNames(configuration))
        {
            BindEndpointClient(services, registry, name);
        }

        services.AddSingleton<IConfigureOptions<AmplifyRestApiOptions>>(provider => new ConfigureFromSection(configuration, provider.GetService<ILoggerFactory>()));
        services.AddSingleton<IOptionsChangeTokenSource<AmplifyRestApiOptions>>(new ConfigurationChangeTokenSource<AmplifyRestApiOptions>(configuration));
        return new AmplifyRestApiBuilder(services);
    }

    /// <summary>Registers endpoints configured in code, one named client per endpoint.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the endpoints; it also runs once now, to learn the endpoint names.</param>
    /// <returns>A builder to configure the endpoints further.</returns>
    public static IAmplifyRestApiBuilder AddAmplifyRestApi(this IServiceCollection services, Action<AmplifyRestApiOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var registry = AddCore(services);
        var probe = new AmplifyRestApiOptions();
        configure(probe);
        foreach (var name in probe.Endpoints.Keys)
        {
            BindEndpointClient(services, registry, name);
        }

        services.Configure(configure);
        return new AmplifyRestApiBuilder(services);
    }

    internal static AmplifyServiceRegistry AddCore(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(AmplifyServiceRegistry))?.ImplementationInstance;
        if (existing is AmplifyServiceRegistry found)
        {
            return found;
        }

        var registry = new AmplifyServiceRegistry();
        services.AddSingleton(registry);
        services.AddHttpClient();
        services.AddOptions<AmplifyRestApiOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AmplifyRestApiOptions>, AmplifyRestApiOptionsValidator>());

        // Per client name, after all of that client's Configure calls: the chain wraps the primary handler, so
        // HttpClientFactory's logging handlers (whose structured state carries raw header values; only the
        // message text is redacted), user handlers and any filter's handlers sit outside it and never see a
        // key, token or signature. See AmplifyHttpClientFactoryOptionsSetup.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HttpClientFactoryOptions>, AmplifyHttpClientFactoryOptionsSetup>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AmplifyEndpointCatalog>();
        services.TryAddSingleton(provider => new AmplifyHandlerChain(provider));
        services.TryAddSingleton<IAmplifyRestApi, AmplifyRestApi>();
        AmplifyCredentialServices.Add(services);
        AmplifyTokenServices.Add(services);
        return registry;
    }

    /// <summary>Registers the client of one endpoint with its base address; AmplifyHttpClientFactoryOptionsSetup adds its handlers.</summary>
    internal static IHttpClientBuilder BindEndpointClient(IServiceCollection services, AmplifyServiceRegistry registry, string endpointName)
    {
        registry.BindClient(endpointName, endpointName);
        return services.AddHttpClient(endpointName)
            .ConfigureHttpClient((provider, client) => client.BaseAddress = provider.GetRequiredService<AmplifyEndpointCatalog>().Get(endpointName).BaseAddress);
    }

    private sealed class ConfigureFromReadResult(AmplifyConfigurationReadResult read, ILoggerFactory? loggerFactory) : IConfigureOptions<AmplifyRestApiOptions>
    {
        private readonly HashSet<string> logged = new(StringComparer.Ordinal);

        public void Configure(AmplifyRestApiOptions options)
        {
            AmplifyRestApiOptionsCopier.CopyInto(read.Options, options);
            if (loggerFactory is null)
            {
                return;
            }

            var logger = loggerFactory.CreateLogger<AmplifyRestApiOptions>();
            ConfigurationLog.LogNotices(logger, read.Notices, logged);
            bool first;
            lock (logged)
            {
                first = logged.Add("graphql");
            }

            if (first && read.SkippedGraphQlEndpoints.Count > 0 && logger.IsEnabled(LogLevel.Information))
            {
                ConfigurationLog.GraphQlEndpointsSkipped(logger, string.Join(", ", read.SkippedGraphQlEndpoints));
            }
        }
    }

    /// <summary>Reads the section each time options are built (it may reload); logs each notice once.</summary>
    private sealed class ConfigureFromSection(IConfiguration configuration, ILoggerFactory? loggerFactory) : IConfigureOptions<AmplifyRestApiOptions>
    {
        private readonly HashSet<string> logged = new(StringComparer.Ordinal);

        public void Configure(AmplifyRestApiOptions options)
        {
            var notices = new AmplifyConfigurationNotices();
            AmplifyConfigurationSectionReader.Read(configuration, options, notices);
            if (loggerFactory is not null)
            {
                ConfigurationLog.LogNotices(loggerFactory.CreateLogger<AmplifyRestApiOptions>(), notices, logged);
            }
        }
    }
}
