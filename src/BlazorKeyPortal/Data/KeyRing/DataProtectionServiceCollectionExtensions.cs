using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Data.KeyRing;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Data Protection's key ring in the portal's database, so that every instance sharing the database reads the same
    /// sign-in cookies, antiforgery tokens and stored sessions, and a restart or a new machine keeps them valid; the keys
    /// optionally encrypted with a certificate (<see cref="KeyRingOptions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddDataProtectionKeyRing(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();
        services.AddSingleton<KeyRingCertificate>();

        services.AddDataProtection()
            // Fixed, not derived from the content root: instances installed in different folders must share the keys.
            .SetApplicationName("BlazorKeyPortal")
            .PersistKeysToDbContext<PortalDbContext>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyRingCertificate, ILoggerFactory>((keys, certificate, loggers) =>
        {
            if (certificate.Certificate is { } protecting) keys.XmlEncryptor = new CertificateKeyEncryptor(protecting, loggers);
        });
        return builder;
    }
}
