using BlazorKeyPortal.Features.SessionKeys;
using System.Net;
using System.Text;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.History;

public sealed class HistoryCsvExportTests(HistoryDataset history) : IClassFixture<HistoryDataset>
{
    private const string Header = "Id,ShortKey,State,IssuedAt,ExpiresAt,TtlSeconds,Site,UrlHostname,Queue,RequestedQueue,Team,IssuerKind,IssuedBy,ExternalKey,Priority,Skills,RedeemedAt,RedeemedSite,RevokedAt,RevokedBy,RevokeReason";

    [Fact]
    public async Task The_export_writes_a_header_and_one_line_per_matching_key_in_order()
    {
        using var output = new MemoryStream();

        var written = await history.Get<HistoryCsvExport>().WriteAsync(new HistoryFilter { SiteId = 2 }, HistorySort.Default, output);

        written.ShouldBe(4);
        var lines = Lines(output);
        lines[0].ShouldBe(Header);
        lines.Skip(1).Select(l => l.Split(',')[1]).ShouldBe(["1000005", "1000008", "1000002", "1000009"]);
    }

    [Fact]
    public async Task A_line_holds_the_keys_attributes_with_names_and_utc_times()
    {
        using var output = new MemoryStream();

        await history.Get<HistoryCsvExport>().WriteAsync(new HistoryFilter { ShortKey = "1000002" }, HistorySort.Default, output);

        var id = history["1000002"].Id;
        Lines(output)[1].ShouldBe($"{id},1000002,Redeemed,2026-11-02T10:00:00.0000000+00:00,2026-11-02T11:00:00.0000000+00:00,3600,Remote,support.localhost,team:1,team:1,Tier 1 Support,api,demo-full-access,INC0002,,,2026-11-02T10:05:00.0000000+00:00,Remote,,,");
    }

    [Fact]
    public async Task A_value_a_spreadsheet_would_run_as_a_formula_is_written_as_text()
    {
        await using var portal = new SignedInPortalFactory();
        await portal.AddAsync(HistoryKeys.Key(portal.Clock.GetUtcNow(), k => k.ExternalKey = "=HYPERLINK(\"http://evil\")"));
        using var output = new MemoryStream();

        await portal.Get<HistoryCsvExport>().WriteAsync(new HistoryFilter(), HistorySort.Default, output);

        Lines(output)[1].ShouldContain(",\"'=HYPERLINK(\"\"http://evil\"\")\",");
    }

    [Fact]
    public async Task The_endpoint_streams_the_current_filter_as_a_csv_download()
    {
        var client = history.CreateClient().SignedIn("sam", PortalRoles.Supervisor);

        var response = await client.GetAsync(HistoryExportEndpoint.Path + HistoryQueryString.Format(new HistoryFilter { State = KeyState.Active }, HistorySort.Default));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName.ShouldBe("key-history-20261130-090000.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Skip(1).Select(l => l.Split(',')[1]).ShouldBe(["1000005", "1000004"]);
    }

    [Fact]
    public async Task The_endpoint_follows_the_order_it_is_given()
    {
        var client = history.CreateClient().SignedIn("ada", PortalRoles.Admin);

        var body = await client.GetStringAsync(HistoryExportEndpoint.Path + "?site=2&sort=short_key&dir=asc");

        body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[1]).ShouldBe(["1000002", "1000005", "1000008", "1000009"]);
    }

    [Fact]
    public async Task An_agent_may_not_export_the_history()
    {
        var client = history.CreateClient().SignedIn("agent", PortalRoles.Agent);

        var response = await client.GetAsync(HistoryExportEndpoint.Path);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_anonymous_caller_may_not_export_the_history()
    {
        var response = await history.CreateClient().GetAsync(HistoryExportEndpoint.Path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("?site=abc", "site must be a number.")]
    [InlineData("?state=lost", "state must be one of active, expired, redeemed, revoked.")]
    [InlineData("?from=2026-11-30&to=2026-11-01", "The last day of issue must not be before the first.")]
    [InlineData("?short_key=12", "A short key is seven digits or letters.")]
    public async Task An_invalid_filter_is_refused_with_a_message(string query, string message)
    {
        var client = history.CreateClient().SignedIn("sam", PortalRoles.Supervisor);

        var response = await client.GetAsync(HistoryExportEndpoint.Path + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    private static string[] Lines(MemoryStream output) =>
        Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
}
