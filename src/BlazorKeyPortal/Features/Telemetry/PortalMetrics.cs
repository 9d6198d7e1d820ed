using System.Diagnostics.Metrics;
using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Features.Telemetry;

/// <summary>
/// The portal's business counters (meter <see cref="PortalTelemetry.Name"/>). Callers count an event only once the
/// write that made it happen has committed, so a rolled-back key is never counted. Without a listener each call costs
/// a check of the instrument's Enabled flag.
/// </summary>
public sealed class PortalMetrics
{
    private readonly Counter<long> _issued;
    private readonly Counter<long> _redeemed;
    private readonly Counter<long> _redemptionsFailed;
    private readonly Counter<long> _revoked;
    private readonly UpDownCounter<long> _circuits;

    public PortalMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(PortalTelemetry.Name, PortalTelemetry.Version);
        _issued = meter.CreateCounter<long>("blazorkeyportal.keys.issued", "{key}", "Session keys issued (committed).");
        _redeemed = meter.CreateCounter<long>("blazorkeyportal.keys.redeemed", "{key}", "Session keys redeemed into a waiting support session.");
        _redemptionsFailed = meter.CreateCounter<long>("blazorkeyportal.redemptions.failed", "{attempt}",
            "Redemption attempts refused, by reason (expired, revoked, already_used, unknown_key, ...).");
        _revoked = meter.CreateCounter<long>("blazorkeyportal.keys.revoked", "{key}", "Session keys revoked before use.");
        _circuits = meter.CreateUpDownCounter<long>("blazorkeyportal.circuits.open", "{circuit}", "Blazor circuits open on this instance.");
    }

    public void KeyIssued(string site, IssuerKind issuer)
    {
        if (!_issued.Enabled) return;
        _issued.Add(1, new KeyValuePair<string, object?>("site", site), new KeyValuePair<string, object?>("issuer_kind", IssuerKindName(issuer)));
    }

    public void KeyRedeemed(string site, string method)
    {
        if (!_redeemed.Enabled) return;
        _redeemed.Add(1, new KeyValuePair<string, object?>("site", site), new KeyValuePair<string, object?>("method", method));
    }

    public void RedemptionFailed(string reason) => _redemptionsFailed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void KeyRevoked() => _revoked.Add(1);

    public void CircuitOpened() => _circuits.Add(1);

    public void CircuitClosed() => _circuits.Add(-1);

    // Fixed strings, not Enum.ToString(): no allocation per key.
    private static string IssuerKindName(IssuerKind kind) => kind switch
    {
        IssuerKind.User => "user",
        IssuerKind.ApiAccount => "api_account",
        _ => "other",
    };
}
