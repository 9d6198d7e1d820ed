using AngleSharp.Dom;
using BlazorKeyPortal.Features.GenerateKey;
using BlazorKeyPortal.Features.SessionKeys;
using BlazorKeyPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BlazorKeyPortal.Tests.Features.GenerateKey;

/// <summary>The Generate form is validated field by field by the command API's own validator.</summary>
public sealed class KeyRequestFormTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_valid_form_submits_the_request_with_the_command_apis_values()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Target = "1", UrlHostname = "support.example.com", ExternalKey = "INC0012345", Priority = "1", Skills = ["codename1"], Ttl = "3600" };
        SessionKeyRequest? submitted = null;
        var cut = await RenderAsync(context, model, request => submitted = request);

        await ClickGenerateAsync(cut);

        cut.WaitForAssertion(() => submitted.ShouldNotBeNull());
        submitted!.QueueId.ShouldBe("team:1");
        submitted.UrlHostname.ShouldBe("support.example.com");
        submitted.ExternalKey.ShouldBe("INC0012345");
        submitted.Priority.ShouldBe("1");
        submitted.Skills.ShouldBe("codename1");
        submitted.Ttl.ShouldBe("3600");
    }

    [Fact]
    public async Task A_priority_outside_1_to_3_shows_the_validators_message_next_to_Priority_and_submits_nothing()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Target = "1", UrlHostname = "support.localhost" };
        model.Prefill("?session.priority=5");
        var submitted = false;
        var cut = await RenderAsync(context, model, _ => submitted = true);

        await ClickGenerateAsync(cut);

        cut.WaitForAssertion(() => FieldOf(cut, "priority").TextContent.ShouldContain("session.priority '5' is not a priority; use 1 (high), 2 (medium) or 3 (low)"));
        submitted.ShouldBeFalse();
    }

    [Fact]
    public async Task An_external_key_over_1024_characters_is_refused_next_to_External_key()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Target = "1", UrlHostname = "support.localhost", ExternalKey = new string('x', 1100) };
        var cut = await RenderAsync(context, model, _ => { });

        await ClickGenerateAsync(cut);

        cut.WaitForAssertion(() => FieldOf(cut, "external-key").TextContent.ShouldContain("external_key is 1100 characters long; at most 1024 are allowed"));
    }

    [Fact]
    public async Task A_queue_without_a_target_is_refused_next_to_Queue()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Kind = QueueChoice.Embassy, Target = null, UrlHostname = "support.localhost" };
        var cut = await RenderAsync(context, model, _ => { });

        await ClickGenerateAsync(cut);

        cut.WaitForAssertion(() => FieldOf(cut, "queue-target").TextContent.ShouldContain("queue_id is required"));
    }

    [Fact]
    public async Task A_hostname_of_no_public_site_is_refused_next_to_Public_site()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Target = "1" };
        model.Prefill("?url_hostname=nowhere.example.com");
        var cut = await RenderAsync(context, model, _ => { });

        await ClickGenerateAsync(cut);

        cut.WaitForAssertion(() => FieldOf(cut, "public-site").TextContent.ShouldContain("url_hostname 'nowhere.example.com' is not a hostname of any public site"));
    }

    [Fact]
    public async Task Custom_fields_exist_only_while_their_panel_is_open_and_keep_what_was_typed_when_it_closes()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Target = "1", UrlHostname = "support.localhost" };
        SessionKeyRequest? submitted = null;
        var cut = await RenderAsync(context, model, request => submitted = request);
        cut.FindAll(".mud-input-helper-text").ShouldNotContain(h => h.TextContent.Contains("session.custom.", StringComparison.Ordinal));

        await cut.Find(".mud-expand-panel-header").ClickAsync(new());
        await CustomFieldInput(cut, "custom_field1").ChangeAsync(new ChangeEventArgs { Value = "Printer on floor 3" });
        await cut.Find(".mud-expand-panel-header").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll(".mud-input-helper-text").ShouldNotContain(h => h.TextContent.Contains("session.custom.", StringComparison.Ordinal)));
        await ClickGenerateAsync(cut);
        cut.WaitForAssertion(() => submitted.ShouldNotBeNull());
        submitted!.CustomFields.ShouldBe(new Dictionary<string, string> { ["custom_field1"] = "Printer on floor 3" });
    }

    [Fact]
    public async Task A_form_that_arrives_with_custom_field_values_shows_them_open()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Target = "1", UrlHostname = "support.localhost" };
        model.Prefill("?session.custom.custom_field1=From%20the%20ticket");

        var cut = await RenderAsync(context, model, _ => { });

        CustomFieldInput(cut, "custom_field1").GetAttribute("value").ShouldBe("From the ticket");
    }

    [Fact]
    public async Task The_query_string_prefills_every_field_by_its_command_api_name()
    {
        var model = new KeyFormModel();

        model.Prefill("?queue_id=rep_username:admin&session.custom.external_key=INC42&session.custom.custom_field1=Custom%20Value&session.priority=3&session.skills=codename1,codename2&ttl=900&url_hostname=REMOTE.localhost");

        var request = model.ToRequest();
        request.QueueId.ShouldBe("rep_username:admin");
        request.ExternalKey.ShouldBe("INC42");
        request.CustomFields.ShouldBe(new Dictionary<string, string> { ["custom_field1"] = "Custom Value" });
        request.Priority.ShouldBe("3");
        request.Skills.ShouldBe("codename1,codename2");
        request.Ttl.ShouldBe("900");
        request.UrlHostname.ShouldBe("remote.localhost");
        await Task.CompletedTask;
    }

    private async Task<IRenderedComponent<KeyRequestForm>> RenderAsync(BunitContext context, KeyFormModel model, Action<SessionKeyRequest> onSubmit)
    {
        var choices = await GenerateKeyComponentContext.ChoicesAsync(portal);
        return context.Render<KeyRequestForm>(parameters => parameters
            .Add(p => p.Model, model)
            .Add(p => p.Choices, choices)
            .Add(p => p.OnValidSubmit, onSubmit));
    }

    private static async Task ClickGenerateAsync(IRenderedComponent<KeyRequestForm> cut) =>
        await cut.FindAll("button").Single(b => b.TextContent.Contains("Generate session key", StringComparison.Ordinal)).ClickAsync(new());

    /// <summary>The input of the custom field whose helper text names <c>session.custom.<paramref name="codeName"/></c>.</summary>
    private static IElement CustomFieldInput(IRenderedComponent<KeyRequestForm> cut, string codeName) =>
        cut.FindAll(".mud-input-helper-text").Single(h => h.TextContent.Trim() == $"session.custom.{codeName}")
            .Closest(".mud-input-control")!.QuerySelector("input")!;

    /// <summary>The whole MudBlazor field (input, label, helper or error text) around the input with <paramref name="inputId"/>.</summary>
    private static IElement FieldOf(IRenderedComponent<KeyRequestForm> cut, string inputId) =>
        cut.Find($"#{inputId}").Closest(".mud-input-control") ?? throw new ShouldAssertException($"No field around #{inputId}");
}
