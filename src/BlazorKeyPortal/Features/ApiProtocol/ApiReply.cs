namespace BlazorKeyPortal.Features.ApiProtocol;

/// <summary>An XML reply and its HTTP status (200 for every error of the request itself, as appliances answer).</summary>
public sealed record ApiReply(string Xml, int StatusCode = StatusCodes.Status200OK) : IResult
{
    public static ApiReply Error(string message) => new(ApiXml.Error(message));

    /// <summary>Writes the header byte for byte as appliances do (<c>charset=UTF-8</c>, not lower-cased).</summary>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ApiXml.ContentType;
        return response.WriteAsync(Xml, System.Text.Encoding.UTF8, httpContext.RequestAborted);
    }
}
