using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace BlazorKeyPortal.Features.Webhooks;

/// <summary>
/// Recipients' signing secrets. Unlike an API account's secret, which is only checked and so stored as a hash, a signing
/// secret must be read back to compute each signature: it is stored protected with Data Protection, whose key ring lives
/// in the database (and may be encrypted with a certificate), so a copy of the table alone does not reveal it.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    public const int MinimumLength = 24;
    public const int MaximumLength = 200;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("BlazorKeyPortal.Webhooks.SigningSecret.v1");

    /// <summary>256 random bits as <c>whsec_</c> and base64url, so a leaked secret is recognisable for what it is.</summary>
    public static string Generate() => "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
