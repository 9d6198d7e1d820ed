using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data.KeyRing;

/// <summary>
/// How the Data Protection key ring (the keys behind sign-in cookies, antiforgery tokens and stored portal sessions) is
/// protected at rest in the portal's database. Section <c>DataProtection</c>. Without a certificate the keys are stored
/// as plain XML: anyone who can read the database can forge a session cookie, so production sets one of the two.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// A PFX file whose RSA key encrypts every stored key; relative paths are resolved against the data directory.
    /// Defaults to none (keys stored unencrypted).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password. Defaults to none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Windows only: the thumbprint of a certificate in the machine's store (LocalMachine\My) whose private key the
    /// portal's account may read. Defaults to none.
    /// </summary>
    public string? CertificateThumbprint { get; set; }

    internal bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateThumbprint);
}

/// <summary>Loads the certificate <see cref="KeyRingOptions"/> names, or says in the operator's terms why it cannot.</summary>
internal static class KeyRingCertificateLoader
{
    /// <summary>The certificate with its private key, or null when none is configured.</summary>
    /// <exception cref="KeyRingCertificateException">The setting names no usable certificate.</exception>
    public static X509Certificate2? Load(KeyRingOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !string.IsNullOrWhiteSpace(options.CertificateThumbprint))
        {
            throw new KeyRingCertificateException("DataProtection:CertificatePath and DataProtection:CertificateThumbprint are both set; set one of them.");
        }
        var certificate = !string.IsNullOrWhiteSpace(options.CertificatePath) ? FromFile(options, dataDirectory)
            : !string.IsNullOrWhiteSpace(options.CertificateThumbprint) ? FromStore(options.CertificateThumbprint)
            : null;
        if (certificate is not null && !HasRsaPrivateKey(certificate))
        {
            var setting = options.CertificatePath is { Length: > 0 } ? "DataProtection:CertificatePath" : "DataProtection:CertificateThumbprint";
            certificate.Dispose();
            throw new KeyRingCertificateException($"{setting} names a certificate without an RSA private key; the key ring needs one to encrypt its keys.");
        }
        return certificate;
    }

    public static string ResolvePath(string path, string dataDirectory) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(dataDirectory, path));

    private static X509Certificate2 FromFile(KeyRingOptions options, string dataDirectory)
    {
        var path = ResolvePath(options.CertificatePath!, dataDirectory);
        if (!File.Exists(path))
        {
            throw new KeyRingCertificateException($"DataProtection:CertificatePath names '{path}', which does not exist.");
        }
        try
        {
            // EphemeralKeySet would keep the key out of the user's key store but is not supported on macOS; the default
            // flags work everywhere and the process only reads the key.
            return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (CryptographicException ex)
        {
            throw new KeyRingCertificateException(
                $"DataProtection:CertificatePath names '{path}', which could not be read as a PFX file with DataProtection:CertificatePassword ({ex.Message}).");
        }
    }

    private static X509Certificate2 FromStore(string thumbprint)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            throw new KeyRingCertificateException(
                "DataProtection:CertificateThumbprint reads the Windows certificate store (LocalMachine\\My), which exists only on Windows; use DataProtection:CertificatePath with a PFX file here.");
        }
        using var store = new X509Store(StoreName.My, StoreLocation.LocalMachine);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", "", StringComparison.Ordinal), validOnly: false);
        return found.Count > 0 ? found[0]
            : throw new KeyRingCertificateException($"DataProtection:CertificateThumbprint: no certificate with thumbprint {thumbprint} in LocalMachine\\My.");
    }

    private static bool HasRsaPrivateKey(X509Certificate2 certificate)
    {
        try
        {
            using var key = certificate.GetRSAPrivateKey();
            return key is not null;
        }
        catch (CryptographicException)
        {
            return false; // a private key the portal's account may not read
        }
    }
}

internal sealed class KeyRingCertificateException(string message) : Exception(message);

/// <summary>Refuses to start with a certificate setting that names no usable certificate, naming the setting.</summary>
internal sealed class KeyRingOptionsValidator(PortalDataDirectory dataDirectory) : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        try
        {
            KeyRingCertificateLoader.Load(options, dataDirectory.Root)?.Dispose();
            return ValidateOptionsResult.Success;
        }
        catch (KeyRingCertificateException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
