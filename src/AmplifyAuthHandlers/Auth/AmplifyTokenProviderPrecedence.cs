namespace AmplifyAuthHandlers;

/// <summary>Which registered token provider an endpoint uses when several apply: the highest, then the last registered.</summary>
internal enum AmplifyTokenProviderPrecedence
{
    /// <summary>Caller-token forwarding: used only where nothing was registered explicitly.</summary>
    Forwarding = 0,

    /// <summary>Registered for every endpoint of a mode.</summary>
    AllEndpoints = 1,

    /// <summary>Registered for one endpoint by name.</summary>
    Endpoint = 2,
}
