using BlazorKeyPortal.Features.ApiProtocol;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Features.CommandApi;

/// <summary>Reads <c>generate_session_key</c>'s parameters into the request both faces validate.</summary>
public static class GenerateSessionKeyParameters
{
    /// <summary>The <c>generate_session_key</c> parameters as a request, or why they conflict.</summary>
    public static (SessionKeyRequest? Request, string? Error) ToSessionKeyRequest(this ApiParameters parameters)
    {
        var request = new SessionKeyRequest
        {
            Type = parameters[ParameterNames.Type],
            QueueId = parameters[ParameterNames.QueueId],
            Priority = parameters[ParameterNames.Priority],
            Skills = parameters[ParameterNames.Skills],
            Ttl = parameters[ParameterNames.Ttl],
            UrlHostname = parameters[ParameterNames.UrlHostname],
        };

        var (externalKey, customFields, error) = parameters.CustomAttributes();
        if (error is not null) return (null, error);
        request.ExternalKey = externalKey;
        request.CustomFields = customFields;
        return (request, null);
    }
}
