using BlazorKeyPortal.Features.Webhooks;

namespace BlazorKeyPortal.Tests.Features.Webhooks;

public sealed class WebhookRecipientFormValidatorTests
{
    private readonly WebhookRecipientFormValidator _validator = new();

    private static WebhookRecipientForm Valid() => new()
    {
        Name = "ServiceNow", Url = "https://tickets.example.com/api/portal-events", Events = [WebhookEvents.KeyIssued],
    };

    private List<string> ErrorsOf(WebhookRecipientForm form, string property) =>
        _validator.Validate(form).Errors.Where(e => e.PropertyName.StartsWith(property, StringComparison.Ordinal)).Select(e => e.ErrorMessage).ToList();

    [Theory]
    [InlineData("https://tickets.example.com/hook")]
    [InlineData("http://10.20.30.40:8080/hook")]
    [InlineData("http://192.168.1.5/hook?token=abc")]
    [InlineData("http://ticketing/hook")]
    [InlineData("https://[fd00::5]/hook")]
    public void An_absolute_http_or_https_url_is_accepted_private_networks_included(string url)
    {
        var form = Valid();
        form.Url = url;

        Assert.True(_validator.Validate(form).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/hook")]
    [InlineData("tickets.example.com/hook")]
    [InlineData("ftp://tickets.example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    public void Anything_but_an_absolute_http_or_https_url_is_refused_with_a_clear_message(string url)
    {
        var form = Valid();
        form.Url = url;

        Assert.Equal(["Enter the receiver's absolute URL, starting with http:// or https://."], ErrorsOf(form, "Url"));
    }

    [Fact]
    public void A_recipient_without_events_is_refused()
    {
        var form = Valid();
        form.Events.Clear();

        Assert.Equal(["Pick at least one event."], ErrorsOf(form, "Events"));
    }

    [Fact]
    public void An_event_the_portal_does_not_send_is_refused()
    {
        var form = Valid();
        form.Events.Add("key.deleted");

        Assert.Equal(["'key.deleted' is not an event the portal sends."], ErrorsOf(form, "Events"));
    }

    [Fact]
    public void An_entered_secret_needs_24_characters_and_an_empty_one_is_generated()
    {
        var form = Valid();
        form.Secret = "short";
        Assert.Equal(["A secret has 24 to 200 characters; leave it empty and the portal generates one."], ErrorsOf(form, "Secret"));

        form.Secret = "";
        Assert.True(_validator.Validate(form).IsValid);
    }

    [Fact]
    public void A_recipient_needs_a_name()
    {
        var form = Valid();
        form.Name = " ";

        Assert.Equal(["A recipient needs a name."], ErrorsOf(form, "Name"));
    }
}
