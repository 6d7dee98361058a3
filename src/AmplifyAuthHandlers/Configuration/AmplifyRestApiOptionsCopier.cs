namespace AmplifyAuthHandlers;

/// <summary>Copies what a reader produced into the options instance being built, so each build gets its own objects.</summary>
internal static class AmplifyRestApiOptionsCopier
{
    public static void CopyInto(AmplifyRestApiOptions source, AmplifyRestApiOptions target)
    {
        foreach (var (name, endpoint) in source.Endpoints)
        {
            var copy = new AmplifyRestEndpointOptions
            {
                Endpoint = endpoint.Endpoint,
                Region = endpoint.Region,
                AuthorizationType = endpoint.AuthorizationType,
                ApiKey = endpoint.ApiKey,
                HeaderProvider = endpoint.HeaderProvider,
                AllowCrossOriginRequests = endpoint.AllowCrossOriginRequests,
                AuthorizationTypeUnreadable = endpoint.AuthorizationTypeUnreadable,
                TokenType = endpoint.TokenType,
                BearerPrefix = endpoint.BearerPrefix,
                MaxBufferedRequestBodyBytes = endpoint.MaxBufferedRequestBodyBytes,
            };
            copy.Resilience.CopyFrom(endpoint.Resilience);
            foreach (var (header, value) in endpoint.Headers)
            {
                copy.Headers[header] = value;
            }

            foreach (var (key, path) in endpoint.SourcePaths)
            {
                copy.SourcePaths[key] = path;
            }

            target.Endpoints[name] = copy;
        }

        if (source.Auth.UserPool is { } pool)
        {
            target.Auth.UserPool = new CognitoUserPoolOptions
            {
                PoolId = pool.PoolId,
                AppClientId = pool.AppClientId,
                AppClientSecret = pool.AppClientSecret,
                Region = pool.Region,
                Endpoint = pool.Endpoint,
                AuthenticationFlowType = pool.AuthenticationFlowType,
            };
        }

        if (source.Auth.IdentityPool is { } identity)
        {
            target.Auth.IdentityPool = new CognitoIdentityPoolOptions
            {
                PoolId = identity.PoolId,
                Region = identity.Region,
                Endpoint = identity.Endpoint,
                UnauthenticatedRoleArn = identity.UnauthenticatedRoleArn,
                AuthenticatedRoleArn = identity.AuthenticatedRoleArn,
                StsEndpoint = identity.StsEndpoint,
            };
        }

        var credentials = source.Credentials;
        target.Credentials.AccessKeyId ??= credentials.AccessKeyId;
        target.Credentials.SecretAccessKey ??= credentials.SecretAccessKey;
        target.Credentials.SessionToken ??= credentials.SessionToken;
        target.Credentials.UseAwsSdkCredentialChain |= credentials.UseAwsSdkCredentialChain;
        target.LoadProblems.AddRange(source.LoadProblems);
    }
}
