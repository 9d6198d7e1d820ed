using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>Where a key stands at a given instant; computed, never stored, because expiry needs no write.</summary>
public enum KeyState
{
    /// <summary>Neither redeemed, revoked nor expired: a customer can still use it.</summary>
    Active,
    /// <summary>Expired unused.</summary>
    Expired,
    Redeemed,
    Revoked,
}

public static class KeyStates
{
    /// <summary>Revocation wins over redemption, which wins over expiry (a revoked key is never redeemed later).</summary>
    public static KeyState Of(DateTimeOffset expiresAt, DateTimeOffset? redeemedAt, DateTimeOffset? revokedAt, DateTimeOffset now) =>
        revokedAt is not null ? KeyState.Revoked
        : redeemedAt is not null ? KeyState.Redeemed
        : expiresAt <= now ? KeyState.Expired
        : KeyState.Active;

    public static KeyState Of(SessionKey key, DateTimeOffset now) => Of(key.ExpiresAt, key.RedeemedAt, key.RevokedAt, now);

    /// <summary>How the page and the CSV name a state.</summary>
    public static string Label(KeyState state) => state switch
    {
        KeyState.Active => "Active",
        KeyState.Expired => "Expired",
        KeyState.Redeemed => "Redeemed",
        KeyState.Revoked => "Revoked",
        _ => state.ToString(),
    };
}
