using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Features.History;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace BlazorKeyPortal.Tests.Features.History;

public sealed class HistoryFilterValidatorTests
{
    private readonly HistoryFilterValidator _validator = new();

    [Fact]
    public void An_empty_filter_is_valid()
    {
        _validator.Validate(new HistoryFilter()).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void A_one_day_range_is_valid()
    {
        _validator.Validate(new HistoryFilter { IssuedFrom = new DateTime(2026, 11, 30), IssuedTo = new DateTime(2026, 11, 30) }).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("queue", "team:x", "A queue is general, rep:ID, team:ID or embassy:ID.")]
    [InlineData("queue", "issue:other", "A queue is general, rep:ID, team:ID or embassy:ID.")]
    [InlineData("short", "123456", "A short key is seven digits or letters.")]
    [InlineData("short", "12345678", "A short key is seven digits or letters.")]
    [InlineData("issuer", "api:", "Name the issuer after 'user:' or 'api:'.")]
    [InlineData("range", "", "The last day of issue must not be before the first.")]
    public void An_invalid_field_is_named_in_the_message(string field, string value, string message)
    {
        var filter = field switch
        {
            "queue" => new HistoryFilter { Queue = value },
            "short" => new HistoryFilter { ShortKey = value },
            "issuer" => new HistoryFilter { Issuer = value },
            _ => new HistoryFilter { IssuedFrom = new DateTime(2026, 11, 30), IssuedTo = new DateTime(2026, 11, 29) },
        };

        _validator.Validate(filter).Errors.Select(e => e.ErrorMessage).ShouldBe([message]);
    }

    [Fact]
    public void An_external_key_longer_than_the_api_allows_is_refused()
    {
        _validator.Validate(new HistoryFilter { ExternalKey = new string('x', 1025) }).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void A_filter_and_order_survive_the_query_string()
    {
        var filter = new HistoryFilter
        {
            IssuedFrom = new DateTime(2026, 11, 1), IssuedTo = new DateTime(2026, 11, 30), Issuer = "user:agent", Queue = "team:1",
            TeamId = 1, SiteId = 2, State = KeyState.Redeemed, ExternalKey = "INC 0001&x=1", ShortKey = "1234567",
        };
        var sort = new HistorySort(HistorySortField.ExternalKey, Descending: false);

        var text = HistoryQueryString.Format(filter, sort);
        var (parsed, parsedSort, error) = HistoryQueryString.Parse(new QueryCollection(QueryHelpers.ParseQuery(text)));

        error.ShouldBeNull();
        parsed.ShouldBe(filter);
        parsedSort.ShouldBe(sort);
        text.ShouldContain("sort=external_key&dir=asc");
    }

    [Fact]
    public void The_default_order_is_left_out_of_the_query_string()
    {
        HistoryQueryString.Format(new HistoryFilter { SiteId = 1 }, HistorySort.Default).ShouldBe("?site=1");
        HistoryQueryString.Format(new HistoryFilter(), HistorySort.Default).ShouldBe("");
    }
}
