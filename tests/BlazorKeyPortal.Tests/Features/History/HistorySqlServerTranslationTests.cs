using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Features.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>
/// Every history query translates for SQL Server: built on a SQL Server context (no server is contacted),
/// printed with <c>ToQueryString()</c> and parsed as T-SQL.
/// </summary>
public sealed class HistorySqlServerTranslationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly SqlServerPortalDbContext _db = new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
        .UseSqlServer("Server=translation-only;Database=BlazorKeyPortal;Trusted_Connection=True;TrustServerCertificate=True")
        .Options);

    public void Dispose() => _db.Dispose();

    public static TheoryData<string> FilterNames => new(NamedFilters.All.Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(FilterNames))]
    public void A_filtered_page_translates(string filter)
    {
        var sql = _db.SessionKeys.WhereMatches(NamedFilters.Get(filter), Now).OrderBy(HistorySort.Default).Skip(50).Take(25).SelectRows().ToQueryString();

        ShouldBeValidTSql(sql);
        sql.ShouldContain("ORDER BY [s].[IssuedAt] DESC, [s].[Id] DESC");
        sql.ShouldContain("OFFSET @");
    }

    [Theory]
    [MemberData(nameof(FilterNames))]
    public void A_page_that_walks_the_orders_index_translates(string filter)
    {
        var sort = new HistorySort(HistorySortField.ShortKey, Descending: false);

        var sql = _db.SessionKeys.WhereMatches(NamedFilters.Get(filter), Now, readInOrderOf: sort).OrderBy(sort).Take(25).SelectRows().ToQueryString();

        ShouldBeValidTSql(sql);
        if (filter.StartsWith("site", StringComparison.Ordinal)) sql.ShouldContain("WHERE CASE");
    }

    [Theory]
    [InlineData(HistorySortField.IssuedAt, "ORDER BY [s].[IssuedAt], [s].[Id]")]
    [InlineData(HistorySortField.ExpiresAt, "ORDER BY [s].[ExpiresAt], [s].[Id]")]
    [InlineData(HistorySortField.ShortKey, "ORDER BY [s].[ShortKey], [s].[Id]")]
    [InlineData(HistorySortField.ExternalKey, "ORDER BY [s].[ExternalKey], [s].[IssuedAt], [s].[Id]")]
    [InlineData(HistorySortField.IssuedBy, "ORDER BY [s].[IssuedBy], [s].[IssuedAt], [s].[Id]")]
    public void Every_order_translates(HistorySortField field, string orderBy)
    {
        var sql = _db.SessionKeys.OrderBy(new HistorySort(field, Descending: false)).Take(25).SelectRows().ToQueryString();

        ShouldBeValidTSql(sql);
        sql.ShouldContain(orderBy);
    }

    [Fact]
    public void The_external_key_search_is_a_like_with_an_escape_character()
    {
        var sql = _db.SessionKeys.WhereMatches(new HistoryFilter { ExternalKey = "50%_[x" }, Now).SelectRows().ToQueryString();

        ShouldBeValidTSql(sql);
        sql.ShouldContain("LIKE @");
        sql.ShouldContain("ESCAPE N'\\'");
        sql.ShouldContain("N'50\\%\\_\\[x%'");
    }

    [Fact]
    public void The_count_translates()
    {
        var sql = _db.SessionKeys.WhereMatches(NamedFilters.Get("site 2 redeemed in november"), Now).GroupBy(_ => 1).Select(g => g.Count()).ToQueryString();

        ShouldBeValidTSql(sql);
        sql.ShouldContain("COUNT(*)");
    }

    [Fact]
    public void The_csv_export_translates()
    {
        var sql = HistoryCsvExport.Rows(_db.SessionKeys, NamedFilters.Get("issuer api:demo-full-access"), new HistorySort(HistorySortField.IssuedBy, true), Now).ToQueryString();

        ShouldBeValidTSql(sql);
        sql.ShouldContain("ORDER BY [s].[IssuedBy] DESC, [s].[IssuedAt] DESC, [s].[Id] DESC");
    }

    [Fact]
    public void The_chart_counts_are_aggregated_by_the_server()
    {
        var keys = _db.SessionKeys.WhereMatches(NamedFilters.Get("team 1"), Now);

        var perSite = HistoryStatistics.PerSiteOn(keys, Now.AddDays(-1), Now).ToQueryString();
        var shares = Enum.GetValues<KeyState>().Select(state => keys.Where(HistoryQueryable.InState(state, Now)).GroupBy(_ => 1).Select(g => g.Count()).ToQueryString());
        var redemptions = HistoryStatistics.RedemptionTimesOf(keys).ToQueryString();

        ShouldBeValidTSql(perSite);
        perSite.ShouldContain("GROUP BY [s].[SiteId]");
        foreach (var count in shares) ShouldBeValidTSql(count);
        ShouldBeValidTSql(redemptions);
    }

    [Fact]
    public void The_detail_and_verification_queries_translate()
    {
        var audit = _db.AuditEntries.Where(e => e.SubjectType == AuditSubjects.SessionKey && e.SubjectId == "42").OrderBy(e => e.Sequence).Take(500).ToQueryString();
        var walk = _db.AuditEntries.Where(e => e.Sequence <= 1000).OrderBy(e => e.Sequence).ToQueryString();

        ShouldBeValidTSql(audit);
        ShouldBeValidTSql(walk);
    }

    private static void ShouldBeValidTSql(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        errors.ShouldBeEmpty(string.Join("\n", errors.Select(e => $"{e.Line}:{e.Column} {e.Message}")) + "\n" + sql);
    }
}
