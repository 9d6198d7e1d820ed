using System.Security.Cryptography;

namespace BlazorKeyPortal.Features.Users;

/// <summary>Passwords an administrator hands over once: easy to read aloud, and meeting every rule of the password policy.</summary>
public static class OneTimePasswords
{
    // No 0/O, 1/l/I: the password is read off a screen and typed elsewhere.
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";

    /// <summary>Three groups of five (lower, upper, digits) joined by dashes: about 61 bits, e.g. <c>kmnpq-RSTUV-23456</c>.</summary>
    public static string New() => $"{Group(Lower)}-{Group(Upper)}-{Group(Digits)}";

    private static string Group(string alphabet) => RandomNumberGenerator.GetString(alphabet, 5);
}
