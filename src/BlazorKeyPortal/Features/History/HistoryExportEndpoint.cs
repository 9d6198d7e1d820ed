using System.Globalization;
using BlazorKeyPortal.Features.SignIn;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace BlazorKeyPortal.Features.History;

public static class HistoryExportEndpoint
{
    public const string Path = "/history/export.csv";

    /// <summary>The "Export CSV" link of the current filter, relative to the portal's base.</summary>
    public static string LinkFor(HistoryFilter filter, HistorySort sort) => Path.TrimStart('/') + HistoryQueryString.Format(filter, sort);

    /// <summary><c>GET /history/export.csv?…</c>: the filtered history as a streamed CSV download, for the history's readers.</summary>
    public static IEndpointRouteBuilder MapHistoryExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (HttpContext http, IValidator<HistoryFilter> validator, CancellationToken cancellationToken) =>
            {
                var (filter, sort, error) = HistoryQueryString.Parse(http.Request.Query);
                if (error is not null) return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
                var validation = await validator.ValidateAsync(filter, cancellationToken);
                if (!validation.IsValid) return Results.ValidationProblem(validation.ToDictionary());
                return new CsvDownload(filter, sort);
            })
            .RequireAuthorization(PortalPolicies.ReviewHistory)
            // A refused download keeps its status (401/403, or the sign-in redirect) instead of a "not found" page.
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .WithName("HistoryExport");
        return endpoints;
    }

    /// <summary>Streams the CSV as it is written: the response starts with the first rows, not after the last.</summary>
    private sealed class CsvDownload(HistoryFilter filter, HistorySort sort) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var services = httpContext.RequestServices;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var response = httpContext.Response;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture, $"attachment; filename=\"key-history-{now:yyyyMMdd-HHmmss}.csv\"");
            response.Headers.CacheControl = "no-store";
            await services.GetRequiredService<HistoryCsvExport>().WriteAsync(filter, sort, response.Body, httpContext.RequestAborted);
        }
    }
}
