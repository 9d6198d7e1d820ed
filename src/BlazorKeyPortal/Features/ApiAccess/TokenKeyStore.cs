using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace BlazorKeyPortal.Features.ApiAccess;

/// <summary>
/// Keeps the token server's RSA keys in PEM files, created on first start, so tokens issued before a
/// restart stay valid after it.
/// </summary>
internal static class TokenKeyStore
{
    public static (SecurityKey Signing, SecurityKey Encryption) LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        return (Load(Path.Combine(directory, "signing.pem"), "signing"), Load(Path.Combine(directory, "encryption.pem"), "encryption"));
    }

    private static RsaSecurityKey Load(string path, string keyId)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            var pem = rsa.ExportPkcs8PrivateKeyPem();
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, pem);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            // Two instances starting at once: the first file wins, the second start reads it.
            try { File.Move(temporary, path); }
            catch (IOException) { File.Delete(temporary); rsa.ImportFromPem(File.ReadAllText(path)); }
        }
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }
}
