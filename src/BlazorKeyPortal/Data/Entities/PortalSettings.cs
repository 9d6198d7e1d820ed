namespace BlazorKeyPortal.Data.Entities;

/// <summary>The single row of global settings (Id is always 1).</summary>
public sealed class PortalSettings
{
    public const int SingletonId = 1;
    public const int DefaultMaxSessionKeyTimeoutSeconds = 24 * 60 * 60;

    public int Id { get; set; } = SingletonId;
    public int MaxSessionKeyTimeoutSeconds { get; set; } = DefaultMaxSessionKeyTimeoutSeconds;
    public ShortKeyAlphabet ShortKeyAlphabet { get; set; } = ShortKeyAlphabet.Digits;
}

public enum ShortKeyAlphabet
{
    /// <summary>0–9, as appliances use: 10^7 keys.</summary>
    Digits = 0,
    /// <summary>Digits and upper-case letters without look-alikes (no 0, 1, I, O): 32^7 keys.</summary>
    DigitsAndLetters = 1,
}

/// <summary>Per-user portal preferences, keyed by sign-in name so they work with any identity provider.</summary>
public sealed class UserPreference
{
    public required string UserName { get; set; }
    public bool DarkMode { get; set; }
    /// <summary>Available (true) or Away: whether the linked rep counts as logged in while a circuit is open.</summary>
    public bool Available { get; set; } = true;
}
