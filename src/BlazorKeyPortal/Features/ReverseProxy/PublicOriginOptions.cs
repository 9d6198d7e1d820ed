using BlazorKeyPortal.Data;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.ReverseProxy;

/// <summary>
/// The address users reach the portal on. Section <c>Portal</c> (beside <see cref="PortalOptions.DataDirectory"/>),
/// kept in a class of its own because only the serving portal needs it: the operator's verbs (users, migrate,
/// backup) read <see cref="PortalOptions"/> but never hand out a URL, so they start without it.
/// </summary>
public sealed class PublicOriginOptions
{
    public const string SectionName = PortalOptions.SectionName;

    /// <summary>
    /// The portal's public address, with the path it is served under: <c>https://intranet.example.com/keys</c>.
    /// Everything the portal hands out uses it, never the request's Host header: key URLs of <c>*.localhost</c>
    /// sites take its scheme and port, and the built-in provider accepts sign-in redirects under it (in addition to
    /// <c>Authentication:PublicOrigins</c>). Required outside Development; in Development it defaults to the
    /// address the portal listens on.
    /// </summary>
    public string? PublicOrigin { get; set; }
}

/// <summary>Checks <see cref="PublicOriginOptions"/> when the portal starts to serve.</summary>
internal sealed class PublicOriginOptionsValidator(IHostEnvironment environment) : IValidateOptions<PublicOriginOptions>
{
    public const string Setting = $"{PublicOriginOptions.SectionName}:PublicOrigin";

    public ValidateOptionsResult Validate(string? name, PublicOriginOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicOrigin))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Setting} is required outside Development: the address users reach the portal on, e.g. https://intranet.example.com/keys. Key URLs and sign-in redirects are built from it, never from a request's Host header.");
        }
        if (!Uri.TryCreate(options.PublicOrigin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return ValidateOptionsResult.Fail($"{Setting} '{options.PublicOrigin}' is not an http(s) address like https://intranet.example.com/keys (no query, no fragment).");
        }
        return ValidateOptionsResult.Success;
    }
}
