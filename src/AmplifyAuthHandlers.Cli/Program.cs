// amplify-rest: the command line is assembled in AmplifyRestCommandLine; Program only runs it.
return await AmplifyAuthHandlers.Cli.AmplifyRestCommandLine.RunAsync(args).ConfigureAwait(false);
