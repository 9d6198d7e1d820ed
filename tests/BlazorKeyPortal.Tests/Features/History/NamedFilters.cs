using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.History;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>The filter shapes the history tests run, by name, with the <see cref="HistoryDataset"/> keys each matches.</summary>
public static class NamedFilters
{
    public static TheoryData<string, string> All => new()
    {
        { "none", "1000001 1000002 1000003 1000004 1000005 1000006 1000007 1000008 1000009" },
        { "site 2", "1000002 1000005 1000008 1000009" },
        { "team 1", "1000002 1000008" },
        { "queue team:2", "1000003" },
        { "queue general", "1000001 1000006 1000007 1000009" },
        { "queue rep:1", "1000004" },
        { "queue embassy:1", "1000005" },
        { "issuer user:agent", "1000001 1000004 1000006 1000008 1000009" },
        { "issuer api:demo-full-access", "1000002 1000005" },
        { "issuer user:demo-full-access", "1000007" },
        { "issuer demo-full-access", "1000002 1000005 1000007" },
        { "state active", "1000004 1000005" },
        { "state expired", "1000001 1000006 1000007 1000009" },
        { "state redeemed", "1000002 1000008" },
        { "state revoked", "1000003" },
        { "issued 2026-11-29", "1000006" },
        { "issued 2026-11-30", "1000004 1000005 1000007" },
        { "issued from 2026-11-15", "1000004 1000005 1000006 1000007 1000008" },
        { "issued to 2026-11-02", "1000001 1000002 1000009" },
        { "external inc", "1000001 1000002 1000003 1000008" },
        { "external INC000", "1000001 1000002 1000003 1000008" },
        { "external 50%", "1000005" },
        { "external %", "" },
        { "external _", "" },
        { "short 1000004", "1000004" },
        { "site 2 redeemed in november", "1000002 1000008" },
    };

    public static HistoryFilter Get(string name) => name switch
    {
        "none" => new(),
        "site 2" => new() { SiteId = 2 },
        "team 1" => new() { TeamId = 1 },
        "queue team:2" => new() { Queue = "team:2" },
        "queue general" => new() { Queue = "general" },
        "queue rep:1" => new() { Queue = "rep:1" },
        "queue embassy:1" => new() { Queue = "embassy:1" },
        "issuer user:agent" => new() { Issuer = "user:agent" },
        "issuer api:demo-full-access" => new() { Issuer = "api:demo-full-access" },
        "issuer user:demo-full-access" => new() { Issuer = "user:demo-full-access" },
        "issuer demo-full-access" => new() { Issuer = "demo-full-access" },
        "state active" => new() { State = KeyState.Active },
        "state expired" => new() { State = KeyState.Expired },
        "state redeemed" => new() { State = KeyState.Redeemed },
        "state revoked" => new() { State = KeyState.Revoked },
        "issued 2026-11-29" => new() { IssuedFrom = new DateTime(2026, 11, 29), IssuedTo = new DateTime(2026, 11, 29) },
        "issued 2026-11-30" => new() { IssuedFrom = new DateTime(2026, 11, 30), IssuedTo = new DateTime(2026, 11, 30) },
        "issued from 2026-11-15" => new() { IssuedFrom = new DateTime(2026, 11, 15) },
        "issued to 2026-11-02" => new() { IssuedTo = new DateTime(2026, 11, 2) },
        "external inc" => new() { ExternalKey = "inc" },
        "external INC000" => new() { ExternalKey = " INC000 " },
        "external 50%" => new() { ExternalKey = "50%" },
        "external %" => new() { ExternalKey = "%" },
        "external _" => new() { ExternalKey = "_" },
        "short 1000004" => new() { ShortKey = "1000004" },
        "site 2 redeemed in november" => new() { SiteId = 2, State = KeyState.Redeemed, IssuedFrom = new DateTime(2026, 11, 1), IssuedTo = new DateTime(2026, 11, 30) },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such filter in this test."),
    };
}
