using BlazorKeyPortal.Features.Invitations;

namespace BlazorKeyPortal.Tests.Features.Invitations;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("jane.doe@example.com")]
    [InlineData("  jane@example.co.uk  ")]
    [InlineData("j+support@mail.example.com")]
    public void A_plain_address_is_accepted(string address)
    {
        EmailAddress.Problem(address).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_address_asks_for_one(string? address)
    {
        EmailAddress.Problem(address).ShouldBe("Enter the customer's email address, like name@example.com.");
    }

    [Theory]
    [InlineData("jane")]
    [InlineData("jane@")]
    [InlineData("@example.com")]
    [InlineData("jane@localhost")]
    [InlineData("jane doe@example.com")]
    public void Something_that_is_not_an_address_is_named_in_the_error(string address)
    {
        EmailAddress.Problem(address).ShouldBe($"'{address}' is not an email address; enter one address like name@example.com.");
    }

    [Theory]
    [InlineData("Jane <jane@example.com>")]
    [InlineData("jane@example.com, joe@example.com")]
    [InlineData("jane@example.com; joe@example.com")]
    public void A_display_name_or_a_second_address_is_refused_so_mail_goes_only_where_typed(string address)
    {
        EmailAddress.Problem(address).ShouldNotBeNull().ShouldContain("enter one address");
    }

    [Fact]
    public void An_address_longer_than_smtp_carries_is_refused()
    {
        var address = new string('a', 250) + "@example.com";

        EmailAddress.Problem(address).ShouldBe("An email address has at most 254 characters.");
    }

    [Theory]
    [InlineData("jane.doe@example.com", "j***@example.com")]
    [InlineData("j@example.com", "j***@example.com")]
    [InlineData("not-an-address", "***")]
    public void A_masked_address_keeps_the_first_letter_and_the_domain(string address, string masked)
    {
        EmailAddress.Mask(address).ShouldBe(masked);
    }

    [Fact]
    public void The_request_validator_names_unknown_languages()
    {
        var result = new InvitationRequestValidator().Validate(new InvitationRequest { Recipient = "jane@example.com", Language = "xx" });

        result.Errors.Single().ErrorMessage.ShouldBe("'xx' is not a language invitations are written in (en, de, fr, es, nl, ja).");
    }
}
