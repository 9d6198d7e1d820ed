using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.Extensions.Primitives;

namespace BlazorKeyPortal.Features.ApiProtocol;

/// <summary>
/// The parameters of one request to an API in the appliance's style (the command API, <c>start_session</c>): the
/// query string and, for a form POST, the body, in one set. A parameter given twice is an error rather than a
/// guess at which value was meant.
/// </summary>
public sealed class ApiParameters
{
    private readonly Dictionary<string, string> _values;

    private ApiParameters(Dictionary<string, string> values) => _values = values;

    public string? this[string name] => _values.GetValueOrDefault(name);

    public IEnumerable<KeyValuePair<string, string>> All => _values;

    /// <summary>Reads the request's parameters, or explains why they cannot be read.</summary>
    public static async Task<(ApiParameters? Parameters, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var pairs = request.Query.AsEnumerable();

        if (HttpMethods.IsPost(request.Method))
        {
            if (request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
            {
                return (null, "multipart/form-data is not accepted; send the parameters as application/x-www-form-urlencoded or in the query string");
            }
            if (request.HasFormContentType)
            {
                try
                {
                    var form = await request.ReadFormAsync(cancellationToken);
                    pairs = pairs.Concat(form);
                }
                catch (InvalidDataException ex)
                {
                    return (null, $"the form body could not be read: {ex.Message}");
                }
            }
            else if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                return (null, $"the body's content type '{request.ContentType}' is not accepted; send application/x-www-form-urlencoded");
            }
        }

        foreach (var (name, value) in pairs)
        {
            if (value.Count > 1 || !values.TryAdd(name, value.ToString()))
            {
                return (null, $"the parameter '{name}' was given more than once");
            }
        }
        return (new ApiParameters(values), null);
    }

    /// <summary>
    /// The external key (a bare <c>external_key</c>, as older clients send it, or <c>session.custom.external_key</c>) and
    /// the other <c>session.custom.*</c> fields, read the same way for <c>generate_session_key</c> and <c>start_session</c>;
    /// or why they conflict.
    /// </summary>
    public (string? ExternalKey, Dictionary<string, string> CustomFields, string? Error) CustomAttributes()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var bare = this[ParameterNames.ExternalKey];
        var custom = this[ParameterNames.CustomExternalKey];
        if (bare is not null && custom is not null && bare != custom)
        {
            return (null, fields, "external_key and session.custom.external_key were both given, with different values; give one");
        }

        foreach (var (name, value) in _values)
        {
            if (name.StartsWith(ParameterNames.CustomPrefix, StringComparison.Ordinal) && name != ParameterNames.CustomExternalKey)
            {
                var code = name[ParameterNames.CustomPrefix.Length..];
                if (code.Length == 0) return (null, fields, "a session.custom. parameter has no custom field code name");
                fields[code] = value;
            }
        }
        return (bare ?? custom, fields, null);
    }

    internal static ApiParameters From(IEnumerable<KeyValuePair<string, StringValues>> pairs) =>
        new(pairs.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
}
