using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data.KeyRing;

/// <summary>
/// The certificate that protects the key ring, loaded once from <see cref="KeyRingOptions"/> when first needed: settings
/// are read when services resolve (tests and every configuration source included), not while services are registered,
/// which is why the key ring does not use <c>ProtectKeysWithCertificate</c>, which wants the certificate up front.
/// </summary>
internal sealed class KeyRingCertificate(IOptions<KeyRingOptions> options, PortalDataDirectory dataDirectory) : IDisposable
{
    private readonly Lazy<X509Certificate2?> _certificate = new(() => KeyRingCertificateLoader.Load(options.Value, dataDirectory.Root));

    /// <summary>The certificate with its private key, or null when the keys are stored unencrypted.</summary>
    public X509Certificate2? Certificate => _certificate.Value;

    public void Dispose()
    {
        if (_certificate.IsValueCreated) _certificate.Value?.Dispose();
    }
}

/// <summary>
/// Encrypts each new key with the certificate (XML Encryption, as Data Protection's own certificate encryptor does) and
/// names <see cref="CertificateKeyDecryptor"/> as the way back, which finds the private key in the same configured
/// certificate rather than in the user's certificate store.
/// </summary>
internal sealed class CertificateKeyEncryptor(X509Certificate2 certificate, ILoggerFactory loggers) : IXmlEncryptor
{
    private readonly CertificateXmlEncryptor _encryptor = new(certificate, loggers);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(_encryptor.Encrypt(plaintextElement).EncryptedElement, typeof(CertificateKeyDecryptor));
}

/// <summary>Decrypts keys written by <see cref="CertificateKeyEncryptor"/>; Data Protection creates it by type name.</summary>
public sealed class CertificateKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var certificate = services.GetRequiredService<KeyRingCertificate>().Certificate
            ?? throw new InvalidOperationException(
                "The key ring holds keys encrypted with a certificate, but neither DataProtection:CertificatePath nor DataProtection:CertificateThumbprint is set.");
        var document = new XmlDocument { PreserveWhitespace = true };
        using (var reader = encryptedElement.CreateReader())
        {
            document.Load(reader);
        }
        new ConfiguredCertificateEncryptedXml(document, certificate).DecryptDocument();
        return XElement.Load(new XmlNodeReader(document));
    }

    private sealed class ConfiguredCertificateEncryptedXml(XmlDocument document, X509Certificate2 certificate) : EncryptedXml(document)
    {
        public override byte[]? DecryptEncryptedKey(EncryptedKey encryptedKey)
        {
            var namesConfigured = encryptedKey.KeyInfo.OfType<KeyInfoX509Data>()
                .SelectMany(data => data.Certificates?.OfType<X509Certificate2>() ?? [])
                .Any(named => string.Equals(named.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase));
            if (!namesConfigured || encryptedKey.CipherData.CipherValue is not { } cipher)
            {
                // Encrypted for another certificate (an earlier one): only the certificate stores may still hold it.
                return base.DecryptEncryptedKey(encryptedKey);
            }
            using var key = certificate.GetRSAPrivateKey()
                ?? throw new CryptographicException("The configured key ring certificate has no RSA private key.");
            return DecryptKey(cipher, key, useOAEP: encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl);
        }
    }
}
