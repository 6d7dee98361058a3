using System.Text.Json;

namespace AmplifyAuthHandlers;

/// <summary>
/// Keeps the tokens in a JSON file readable and writable by its owner only (mode 0600 on Unix), written
/// atomically, so a command-line tool stays signed in between runs. The folder is created owner-only too.
/// On Windows the file inherits its folder's access control list (by default, under the user profile, the
/// user, SYSTEM and Administrators): keep it in a folder only the user can read.
/// </summary>
public sealed class AmplifyFileTokenStore : IAmplifyTokenStore
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the store.</summary>
    /// <param name="path">The file's path.</param>
    public AmplifyFileTokenStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
    }

    /// <summary>Gets the full path of the file.</summary>
    /// <value>The path given to the constructor, made absolute.</value>
    public string FilePath { get; }

    /// <inheritdoc/>
    public async ValueTask<UserPoolTokens?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        StoredTokens? stored;
        try
        {
            var stream = File.OpenRead(FilePath);
            await using var disposeStream = stream.ConfigureAwait(false);
            stored = await JsonSerializer.DeserializeAsync(stream, AuthJsonContext.Default.StoredTokens, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new AmplifyAuthException($"The token file '{FilePath}' is not valid; delete it and sign in again.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AmplifyAuthException($"The token file '{FilePath}' could not be read: {ex.Message}", ex);
        }

        return stored is { AccessToken: { Length: > 0 } access, IdToken: { Length: > 0 } id }
            ? new UserPoolTokens(access, id, stored.RefreshToken)
            : null;
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(UserPoolTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var folder = Path.GetDirectoryName(FilePath)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }
        }

        // Write a sibling created owner-only from the first byte, then swap it in: no moment exists where the file is
        // readable by others or half written. The sibling's name is random and it is created exclusively (O_CREAT|O_EXCL
        // on Unix), so a file or link planted in the folder under a name we would use is never opened or followed.
        var temporary = Path.Combine(folder, "." + Path.GetFileName(FilePath) + "." + Path.GetRandomFileName() + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        // Outside the try: when creating it fails, the name belongs to someone else and is not ours to delete.
        var stream = new FileStream(temporary, options);
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, new StoredTokens(tokens.AccessToken, tokens.IdToken, tokens.RefreshToken), AuthJsonContext.Default.StoredTokens, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            // A rename within one folder: atomic, and it replaces a link at the target rather than writing through it.
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch
        {
            // Tokens must not linger in a stray file when the write or the swap fails.
            TryDelete(temporary);
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        File.Delete(FilePath);
        return ValueTask.CompletedTask;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original failure is what the caller needs to see.
        }
    }

    /// <summary>Names the file only.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"AmplifyFileTokenStore {{ FilePath = {FilePath} }}";
}
