using BlazorKeyPortal.Data;
using BlazorKeyPortal.Features.History;
using BlazorKeyPortal.Features.SessionKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace BlazorKeyPortal.Tests.Features.History;

/// <summary>
/// On SQL Server the grid's count and page seek one part of the filter: its terms stay plain comparisons an index can
/// seek, every other term is a CASE no index can, and the migration creates the indexes that hold the state's
/// columns. Rendered with <c>ToQueryString()</c> on a SQL Server context (no server is contacted), read with ScriptDom.
/// </summary>
public sealed class HistoryFilterPartsSqlServerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Today = Now.UtcDateTime.Date;
    private readonly SqlServerPortalDbContext _db = new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
        .UseSqlServer("Server=translation-only;Database=BlazorKeyPortal;Trusted_Connection=True;TrustServerCertificate=True")
        .Options);

    public void Dispose() => _db.Dispose();

    /// <summary>The benchmark's kinds of shape, each with the part the count seeks and the columns that seek may use.</summary>
    public static TheoryData<string, HistoryFilterPart, string[]> Shapes() => new()
    {
        { "site 5, last 30 days", HistoryFilterPart.Site, ["SiteId", "IssuedAt"] },
        { "site 2, redeemed, last 7 days", HistoryFilterPart.Site, ["SiteId", "IssuedAt"] },
        { "state revoked", HistoryFilterPart.State, ["RevokedAt", "IssuedAt"] },
        { "state active", HistoryFilterPart.State, ["RevokedAt", "RedeemedAt", "ExpiresAt"] },
        { "team 3, expired unused", HistoryFilterPart.Team, ["QueueTeamId"] },
        { "issuer user:agent07", HistoryFilterPart.Issuer, ["IssuedBy", "IssuerKind"] },
        { "queue general, site 1, one month", HistoryFilterPart.Queue, ["QueueKind", "QueueId", "IssuedAt"] },
        { "external key starts with REQ2", HistoryFilterPart.ExternalKey, ["ExternalKey"] },
        { "team 5, issuer user:agent03, active", HistoryFilterPart.State, ["RevokedAt", "RedeemedAt", "ExpiresAt"] },
        { "site 5, issuer user:agent30", HistoryFilterPart.Issuer, ["IssuedBy", "IssuerKind"] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_bounded_count_seeks_only_the_chosen_part_and_hides_every_other_term_in_a_case(string shape, HistoryFilterPart seek, string[] seekColumns)
    {
        var sql = _db.SessionKeys.WhereMatches(Filter(shape), Now, seekOnly: seek).Take(HistoryQuery.ExactCountUpTo + 1).Select(k => k.Id).ToQueryString();

        var (seekable, hidden) = Conjuncts(sql);
        sql.ShouldContain("SELECT TOP(@");
        seekable.ShouldNotBeEmpty(sql);
        seekable.SelectMany(c => c).Distinct().ShouldBeSubsetOf(seekColumns, sql);
        hidden.ShouldBe(TermsBesides(Filter(shape), seek), sql);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_page_of_few_matches_seeks_the_same_part(string shape, HistoryFilterPart seek, string[] seekColumns)
    {
        var sql = _db.SessionKeys.WhereMatches(Filter(shape), Now, seekOnly: seek).OrderBy(HistorySort.Default).Take(25).Select(k => k.Id).ToQueryString();

        var (seekable, _) = Conjuncts(sql);
        seekable.SelectMany(c => c).Distinct().ShouldBeSubsetOf(seekColumns, sql);
        sql.ShouldContain("ORDER BY [s].[IssuedAt] DESC, [s].[Id] DESC");
    }

    [Fact]
    public void The_matches_among_a_bounded_number_of_candidates_translate()
    {
        var filter = Filter("site 5, issuer user:agent30");

        var sql = _db.SessionKeys.WhereMatches(HistoryFilterParts.Only(filter, HistoryFilterPart.Issuer), Now, seekOnly: HistoryFilterPart.Issuer)
            .Take(HistoryQuery.CandidatesUpTo).Select(HistoryQueryable.MatchFlag(filter, Now)).ToQueryString();

        var (seekable, hidden) = Conjuncts(sql);
        seekable.SelectMany(c => c).Distinct().ShouldBe(["IssuedBy", "IssuerKind"], ignoreOrder: true, sql);
        hidden.ShouldBe(0, sql);
        sql.ShouldContain("SELECT TOP(@");
        sql.ShouldContain("[s].[SiteId] = @");
    }

    [Fact]
    public void The_migrations_create_the_indexes_that_hold_the_state_s_columns_and_the_checkpoints_table()
    {
        var script = _db.GetService<IMigrator>().GenerateScript();

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        errors.ShouldBeEmpty(script);
        script.ShouldContain("CREATE INDEX [IX_SessionKeys_QueueTeamId_IssuedAt] ON [SessionKeys] ([QueueTeamId], [IssuedAt], [ExpiresAt], [RedeemedAt], [RevokedAt]);");
        script.ShouldContain("CREATE INDEX [IX_SessionKeys_SiteId_IssuedAt] ON [SessionKeys] ([SiteId], [IssuedAt], [ExpiresAt], [RedeemedAt], [RevokedAt]);");
        script.ShouldContain("CREATE INDEX [IX_SessionKeys_IssuedBy_IssuedAt] ON [SessionKeys] ([IssuedBy], [IssuedAt], [IssuerKind], [ExpiresAt], [RedeemedAt], [RevokedAt]);");
        script.ShouldContain("CREATE INDEX [IX_SessionKeys_QueueKind_QueueId_IssuedAt] ON [SessionKeys] ([QueueKind], [QueueId], [IssuedAt], [ExpiresAt], [RedeemedAt], [RevokedAt]);");
        script.ShouldContain("CREATE INDEX [IX_SessionKeys_Revoked_IssuedAt] ON [SessionKeys] ([IssuedAt], [RevokedAt]) WHERE [RevokedAt] IS NOT NULL;");
        script.ShouldContain("CREATE INDEX [IX_SessionKeys_Unused_ExpiresAt] ON [SessionKeys] ([ExpiresAt], [IssuedAt], [RedeemedAt], [RevokedAt]) WHERE [RedeemedAt] IS NULL AND [RevokedAt] IS NULL;");
        script.ShouldContain("CREATE INDEX [IX_SessionKeys_ExpiresAt] ON [SessionKeys] ([ExpiresAt]");
        script.ShouldContain("CREATE TABLE [AuditCheckpoints]");
    }

    private static HistoryFilter Filter(string shape) => shape switch
    {
        "site 5, last 30 days" => new() { SiteId = 5, IssuedFrom = Today.AddDays(-29) },
        "site 2, redeemed, last 7 days" => new() { SiteId = 2, State = KeyState.Redeemed, IssuedFrom = Today.AddDays(-6) },
        "state revoked" => new() { State = KeyState.Revoked },
        "state active" => new() { State = KeyState.Active },
        "team 3, expired unused" => new() { TeamId = 3, State = KeyState.Expired },
        "issuer user:agent07" => new() { Issuer = "user:agent07" },
        "queue general, site 1, one month" => new() { Queue = "general", SiteId = 1, IssuedFrom = Today.AddDays(-90), IssuedTo = Today.AddDays(-60) },
        "external key starts with REQ2" => new() { ExternalKey = "REQ2" },
        "team 5, issuer user:agent03, active" => new() { TeamId = 5, Issuer = "user:agent03", State = KeyState.Active },
        "site 5, issuer user:agent30" => new() { SiteId = 5, Issuer = "user:agent30" },
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    /// <summary>How many terms of <paramref name="filter"/> must be hidden from the index choice when <paramref name="seek"/> is sought.</summary>
    private static int TermsBesides(HistoryFilter filter, HistoryFilterPart seek)
    {
        var parts = HistoryFilterParts.Candidates(filter).Count(p => p != seek);
        var rangeTerms = (filter.IssuedFrom is null ? 0 : 1) + (filter.IssuedTo is null ? 0 : 1);
        return parts + (HistoryFilterParts.IssueTimeFollows(seek, filter) ? 0 : rangeTerms);
    }

    /// <summary>The WHERE clause's AND-ed terms: the columns of each plain one, and how many are <c>CASE … END = 1</c>.</summary>
    private static (List<string[]> Seekable, int Hidden) Conjuncts(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        errors.ShouldBeEmpty(sql);
        var where = new WhereFinder();
        fragment.Accept(where);
        where.Clause.ShouldNotBeNull(sql);
        var seekable = new List<string[]>();
        var hidden = 0;
        foreach (var term in Split(where.Clause.SearchCondition))
        {
            if (term is BooleanComparisonExpression { FirstExpression: SearchedCaseExpression }) hidden++;
            else
            {
                var columns = new ColumnFinder();
                term.Accept(columns);
                seekable.Add([.. columns.Names]);
            }
        }
        return (seekable, hidden);
    }

    private static IEnumerable<BooleanExpression> Split(BooleanExpression expression) => expression switch
    {
        BooleanBinaryExpression { BinaryExpressionType: BooleanBinaryExpressionType.And } and => Split(and.FirstExpression).Concat(Split(and.SecondExpression)),
        BooleanParenthesisExpression parenthesis => Split(parenthesis.Expression),
        _ => [expression],
    };

    private sealed class WhereFinder : TSqlFragmentVisitor
    {
        public WhereClause? Clause { get; private set; }

        public override void Visit(WhereClause node) => Clause ??= node;
    }

    private sealed class ColumnFinder : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(ColumnReferenceExpression node) => Names.Add(node.MultiPartIdentifier.Identifiers[^1].Value);
    }
}
