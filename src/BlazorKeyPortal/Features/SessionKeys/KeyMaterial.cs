using System.Buffers.Binary;
using System.Security.Cryptography;
using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>Random parts of a key, from the operating system's CSPRNG.</summary>
public static class KeyMaterial
{
    public const int ShortKeyLength = 7;
    public const string Digits = "0123456789";
    /// <summary>Digits and upper-case letters without the look-alikes 0, 1, I and O.</summary>
    public const string DigitsAndLetters = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string AlphabetOf(ShortKeyAlphabet alphabet) => alphabet == ShortKeyAlphabet.DigitsAndLetters ? DigitsAndLetters : Digits;

    /// <summary>Seven characters drawn uniformly from the configured alphabet.</summary>
    public static string NewShortKey(ShortKeyAlphabet alphabet) => RandomNumberGenerator.GetString(AlphabetOf(alphabet), ShortKeyLength);

    /// <summary>
    /// 32 lower-case hex characters, as appliances' key URLs carry: the issue time (unix milliseconds, 12 characters) and
    /// then 80 random bits. With the time first, a new key's entry in the access-key index lands beside the previous ones
    /// instead of on a random page of it, which spares the single writer a random page per key (ADR-007). Milliseconds,
    /// not seconds: the thousands of keys of one busy second would otherwise spread at random over that second's hundred
    /// or so pages, and a batch of sixteen would still touch fourteen of them. 80 random bits are far beyond guessing
    /// (docs/brute-force.md); the time tells no more than the key's age.
    /// </summary>
    public static string NewAccessKey(DateTimeOffset issuedAt)
    {
        // The low six bytes of the 64-bit milliseconds (48 bits last until the year 10889), then ten random bytes.
        Span<byte> bytes = stackalloc byte[18];
        BinaryPrimitives.WriteInt64BigEndian(bytes, issuedAt.ToUnixTimeMilliseconds());
        var key = bytes[2..];
        RandomNumberGenerator.Fill(key[6..]);
        return Convert.ToHexStringLower(key);
    }

    /// <summary>
    /// What a customer typed, made comparable: spaces and dashes removed, letters upper-cased.
    /// Returns null when what is left cannot be a short key.
    /// </summary>
    public static string? NormalizeShortKey(string? typed)
    {
        if (typed is null) return null;
        Span<char> buffer = stackalloc char[ShortKeyLength];
        var length = 0;
        foreach (var c in typed)
        {
            if (c is ' ' or '-' or '\t' or '\u00a0') continue;
            if (length == ShortKeyLength || !char.IsAsciiLetterOrDigit(c)) return null;
            buffer[length++] = char.ToUpperInvariant(c);
        }
        return length == ShortKeyLength ? new string(buffer) : null;
    }
}
