using BlazorKeyPortal.Features.ApiProtocol;

namespace BlazorKeyPortal.Features.Redemption;

/// <summary>
/// A customer's request to start a session from a key: typed on a site's front page, sent from a key's landing
/// page, or given to <c>/api/start_session</c>. Either <see cref="ShortKey"/> or <see cref="AccessKey"/> names
/// the key; the other properties are attributes that overwrite the key's (the later one wins).
/// Empty values count as not given, so an empty form field never wipes what the key carries.
/// </summary>
public sealed class RedemptionRequest
{
    /// <summary><c>short_key</c>: the seven characters as typed (spaces and dashes are forgiven).</summary>
    public string? ShortKey { get; set; }

    /// <summary><c>ak</c>: the access key of a key URL.</summary>
    public string? AccessKey { get; set; }

    /// <summary><c>customer.name</c>, at most 100 characters.</summary>
    public string? CustomerName { get; set; }

    /// <summary><c>customer.company</c>, at most 100 characters.</summary>
    public string? CustomerCompany { get; set; }

    /// <summary><c>customer.company_code</c>, at most 100 characters.</summary>
    public string? CustomerCompanyCode { get; set; }

    /// <summary><c>session.custom.external_key</c> (or a bare <c>external_key</c>, as older clients send it).</summary>
    public string? ExternalKey { get; set; }

    /// <summary><c>session.custom.CODE</c> values by code name.</summary>
    public Dictionary<string, string> CustomFields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The request as <c>/api/start_session</c>'s parameters give it, or why they conflict.</summary>
    public static (RedemptionRequest? Request, string? Error) From(ApiParameters parameters)
    {
        var (externalKey, customFields, error) = parameters.CustomAttributes();
        if (error is not null) return (null, error);
        return (new RedemptionRequest
        {
            ShortKey = parameters[StartSessionParameters.ShortKey],
            CustomerName = parameters[StartSessionParameters.CustomerName],
            CustomerCompany = parameters[StartSessionParameters.CustomerCompany],
            CustomerCompanyCode = parameters[StartSessionParameters.CustomerCompanyCode],
            ExternalKey = externalKey,
            CustomFields = customFields,
        }, null);
    }
}

/// <summary>The parameter names of <c>/api/start_session</c> (and the public forms, which use the same names).</summary>
public static class StartSessionParameters
{
    public const string ShortKey = "short_key";
    public const string AccessKey = "ak";
    public const string CustomerName = "customer.name";
    public const string CustomerCompany = "customer.company";
    public const string CustomerCompanyCode = "customer.company_code";
}
