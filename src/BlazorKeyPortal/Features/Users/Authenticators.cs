using Microsoft.AspNetCore.Identity;

namespace BlazorKeyPortal.Features.Users;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238: HMAC-SHA1, 30 s, 6 digits), through Identity's
/// authenticator token provider: the shared key lives in the user store, recovery codes are kept only as Identity keeps them.
/// </summary>
public static class Authenticators
{
    public const string Issuer = "BlazorKeyPortal";
    public const int RecoveryCodeCount = 10;

    /// <summary>The user's shared key, made first when they have none (which changes their security stamp).</summary>
    public static async Task<string> KeyAsync(UserManager<IdentityUser> users, IdentityUser user)
    {
        if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key) return key;
        await users.ResetAuthenticatorKeyAsync(user);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>What an authenticator app reads from the QR code.</summary>
    public static string Uri(string userName, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(userName)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";

    /// <summary>The key in groups of four, for typing into an app by hand.</summary>
    public static string Readable(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    /// <summary>A code as people type it: spaces and dashes left out.</summary>
    public static string Normalized(string? code) => new((code ?? "").Where(c => c is not (' ' or '-')).ToArray());

    public static async Task<bool> VerifyAsync(UserManager<IdentityUser> users, IdentityUser user, string? code) =>
        Normalized(code) is { Length: 6 } digits && digits.All(char.IsAsciiDigit)
        && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits);

    /// <summary>
    /// Turns two-factor sign-in on once the app shows a right <paramref name="code"/>, and returns the ten recovery codes
    /// to show once; null for a wrong code.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> EnableAsync(UserManager<IdentityUser> users, IdentityUser user, string? code)
    {
        if (!await VerifyAsync(users, user, code)) return null;
        await users.SetTwoFactorEnabledAsync(user, true);
        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
    }

    /// <summary>Checks a code of the app, or redeems a recovery code (each works once).</summary>
    public static async Task<bool> CheckAsync(UserManager<IdentityUser> users, IdentityUser user, string? code)
    {
        var normalized = Normalized(code);
        if (normalized.Length == 6 && normalized.All(char.IsAsciiDigit)) return await VerifyAsync(users, user, normalized);
        // Recovery codes keep their dash (XXXXX-XXXXX), as Identity stores them.
        var recovery = (code ?? "").Trim().ToUpperInvariant();
        return recovery.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, recovery)).Succeeded;
    }
}
