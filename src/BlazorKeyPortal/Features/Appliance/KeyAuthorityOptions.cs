namespace BlazorKeyPortal.Features.Appliance;

/// <summary>Which authority issues session keys. Section <c>KeyAuthority</c>.</summary>
public sealed class KeyAuthorityOptions
{
    public const string SectionName = "KeyAuthority";

    /// <summary>Defaults to <see cref="KeyAuthorityMode.Embedded"/>.</summary>
    public KeyAuthorityMode Mode { get; set; } = KeyAuthorityMode.Embedded;

    public bool IsAppliance => Mode == KeyAuthorityMode.Appliance;
}

public enum KeyAuthorityMode
{
    /// <summary>The portal issues keys itself; routing, presence and public sites are its own.</summary>
    Embedded,

    /// <summary>
    /// Every key is issued by a BeyondTrust appliance through its command API; routing and logged-in
    /// representatives come from the appliance, public sites from configuration (<see cref="ApplianceOptions"/>).
    /// </summary>
    Appliance,
}
