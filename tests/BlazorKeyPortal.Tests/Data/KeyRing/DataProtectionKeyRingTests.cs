using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Tests.Data.KeyRing;

/// <summary>
/// Data Protection keeps its keys in the portal's database: what one instance protects (cookies, antiforgery tokens,
/// stored sessions) another instance on the same database reads, whatever its machine or user profile.
/// </summary>
public sealed class DataProtectionKeyRingTests
{
    // The purpose of the portal's stored sessions: a payload a real cookie depends on.
    private const string Purpose = "BlazorKeyPortal.PortalSessions.v1";

    [Fact]
    public async Task The_keys_are_stored_in_the_portal_database()
    {
        await using var portal = new PortalFactory().Started();

        Protect(portal, "hello");

        await using var db = portal.CreateDbContext();
        var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Xml != null && k.Xml.Contains("<key "));
    }

    [Fact]
    public async Task A_payload_protected_by_one_instance_is_unprotected_by_another_on_the_same_database()
    {
        await using var first = new PortalFactory().Started();
        var payload = Protect(first, "signed-in");

        await using var second = new SharedDatabasePortal(first.DataDirectory).Started();

        Unprotect(second, payload).ShouldBe("signed-in");
    }

    [Fact]
    public async Task An_instance_on_another_database_cannot_unprotect_the_payload_although_it_shares_the_user_profile()
    {
        // Both hosts run in this process, under the same user and HOME: a key ring kept in the profile would be shared.
        await using var first = new PortalFactory().Started();
        var payload = Protect(first, "signed-in");

        await using var other = new PortalFactory().Started();

        Should.Throw<CryptographicException>(() => Unprotect(other, payload));
    }

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_another_instance_still_reads_them()
    {
        using var certificate = new TemporaryCertificate();
        var settings = certificate.Settings;
        await using var first = new SharedDatabasePortal(null, settings).Started();
        var payload = Protect(first, "signed-in");

        await using (var db = first.CreateDbContext())
        {
            var xml = string.Concat(await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
            xml.ShouldContain("EncryptedKey");
            xml.ShouldNotContain("<masterKey");
        }
        await using var second = new SharedDatabasePortal(first.DataDirectory, settings).Started();
        Unprotect(second, payload).ShouldBe("signed-in");
    }

    [Fact]
    public async Task The_host_refuses_a_certificate_file_that_does_not_exist_and_names_the_setting()
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = "missing/portal.pfx" });

        var messages = ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => portal.Started()));

        messages.ShouldContain("DataProtection:CertificatePath");
        messages.ShouldContain("does not exist");
    }

    [Fact]
    public async Task The_host_refuses_a_wrong_certificate_password_and_names_the_setting()
    {
        using var certificate = new TemporaryCertificate();
        var settings = new Dictionary<string, string?>(certificate.Settings) { ["DataProtection:CertificatePassword"] = "wrong" };
        await using var portal = new ConfiguredPortalFactory(settings);

        var messages = ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => portal.Started()));

        messages.ShouldContain("DataProtection:CertificatePassword");
    }

    [Fact]
    public async Task A_certificate_thumbprint_is_refused_where_there_is_no_windows_certificate_store()
    {
        if (OperatingSystem.IsWindows()) return; // the store exists there; an unknown thumbprint is refused instead
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { ["DataProtection:CertificateThumbprint"] = "0123456789ABCDEF0123456789ABCDEF01234567" });

        var messages = ConfiguredPortalFactory.Messages(Should.Throw<Exception>(() => portal.Started()));

        messages.ShouldContain("DataProtection:CertificateThumbprint reads the Windows certificate store");
    }

    private static string Protect(PortalFactory portal, string text) =>
        portal.Get<IDataProtectionProvider>().CreateProtector(Purpose).Protect(text);

    private static string Unprotect(PortalFactory portal, string payload) =>
        portal.Get<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload);

    /// <summary>A portal on another portal's database (or a new one, for null), with extra settings.</summary>
    private sealed class SharedDatabasePortal(string? directory, IReadOnlyDictionary<string, string?>? settings = null) : PortalFactory(directory)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings ?? new Dictionary<string, string?>();
    }

    /// <summary>A self-signed RSA 2048 certificate exported as a password-protected PFX file.</summary>
    private sealed class TemporaryCertificate : IDisposable
    {
        private const string Password = "key-ring-test";
        private readonly string _directory = Directory.CreateTempSubdirectory("bkp-cert-").FullName;

        public TemporaryCertificate()
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=BlazorKeyPortal key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(Path, certificate.Export(X509ContentType.Pfx, Password));
        }

        public string Path => System.IO.Path.Combine(_directory, "key-ring.pfx");

        public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = Path,
            ["DataProtection:CertificatePassword"] = Password,
        };

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
