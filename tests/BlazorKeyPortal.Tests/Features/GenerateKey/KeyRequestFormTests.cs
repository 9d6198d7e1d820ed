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
    public async Task Custom_fields_sit_in_a_closed_section_and_what_is_typed_into_them_is_submitted()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Target = "1", UrlHostname = "support.localhost" };
        SessionKeyRequest? submitted = null;
        var cut = await RenderAsync(context, model, request => submitted = request);
        cut.Find("details.form-section").HasAttribute("open").ShouldBeFalse();

        await cut.Find("#custom-custom_field1").ChangeAsync(new ChangeEventArgs { Value = "Printer on floor 3" });
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

        cut.Find("details.form-section").HasAttribute("open").ShouldBeTrue();
        cut.Find("#custom-custom_field1").GetAttribute("value").ShouldBe("From the ticket");
    }

    [Fact]
    public async Task Choosing_a_queue_kind_offers_that_kinds_queues_and_asks_for_one()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Target = "1", UrlHostname = "support.localhost" };
        var cut = await RenderAsync(context, model, _ => { });

        await QueueKind(cut, "Embassy").ChangeAsync(new ChangeEventArgs { Value = "on" });

        model.QueueId.ShouldBeNull();
        var options = cut.FindAll("#queue-target option").Select(o => o.TextContent).ToList();
        options[0].ShouldBe("Choose…");
        options.Skip(1).ShouldNotBeEmpty();
        options.Skip(1).ShouldAllBe(o => o.Contains("(embassy:", StringComparison.Ordinal));
        FieldOf(cut, "queue-target").TextContent.ShouldContain("Sent as queue_id=…");
    }

    [Fact]
    public async Task Choosing_a_queue_sends_its_queue_id_and_General_needs_no_choice()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Kind = QueueChoice.Embassy, UrlHostname = "support.localhost" };
        var cut = await RenderAsync(context, model, _ => { });
        var embassy = cut.FindAll("#queue-target option").Skip(1).First().GetAttribute("value")!;

        await cut.Find("#queue-target").ChangeAsync(new ChangeEventArgs { Value = embassy });
        model.QueueId.ShouldBe($"embassy:{embassy}");
        FieldOf(cut, "queue-target").TextContent.ShouldContain($"Sent as queue_id=embassy:{embassy}");

        await QueueKind(cut, "General").ChangeAsync(new ChangeEventArgs { Value = "on" });
        model.QueueId.ShouldBe("general");
        cut.Find("#queue-target").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public async Task A_field_is_checked_as_soon_as_it_changes_without_waiting_for_Generate()
    {
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal);
        var model = new KeyFormModel { Target = "1", UrlHostname = "support.localhost" };
        var cut = await RenderAsync(context, model, _ => { });

        await cut.Find("#ttl").ChangeAsync(new ChangeEventArgs { Value = "custom" });
        await cut.Find("#ttl-minutes").ChangeAsync(new ChangeEventArgs { Value = "100000" });

        model.Ttl.ShouldBe("6000000");
        FieldOf(cut, "ttl-minutes").TextContent.ShouldContain("ttl 6000000 exceeds");
        cut.Find("#ttl-minutes").GetAttribute("aria-invalid").ShouldBe("true");
    }

    [Fact]
    public async Task Typing_an_external_key_looks_for_keys_that_already_exist_once_the_typing_pauses()
    {
        // Signed in as the key's issuer, who is shown the key itself.
        await using var context = await GenerateKeyComponentContext.CreateAsync(portal, c => c.AddAuthorization().SetAuthorized("agent")
            .SetClaims(new System.Security.Claims.Claim(BlazorKeyPortal.Features.SignIn.PortalClaims.UserName, "agent")));
        var snapshot = await portal.Get<BlazorKeyPortal.Features.Catalog.PortalCatalog>().GetAsync();
        var existing = await portal.Get<SessionKeyService>().GenerateAsync(new SessionKeyRequest { QueueId = "team:1", ExternalKey = "INC0077777" },
            KeyIssuer.User("agent", snapshot.TeamIdsOfUser("agent")), new Uri("http://localhost:5080"));
        var model = new KeyFormModel { Target = "1", UrlHostname = "support.localhost" };
        var cut = await RenderAsync(context, model, _ => { });

        await cut.Find("#external-key").InputAsync(new ChangeEventArgs { Value = "INC0077777" });
        model.ExternalKey.ShouldBe("INC0077777");
        cut.FindAll("[data-testid=existing-key-warning]").ShouldBeEmpty();
        portal.Clock.Advance(TimeSpan.FromMilliseconds(300));

        cut.WaitForAssertion(() => cut.Find("[data-testid=existing-key-warning]").TextContent
            .ShouldContain(ShortKeyFormat.Grouped(existing.Key.ShouldNotBeNull().ShortKey)));
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

    // "Generate session key" is the form's submit button: submitting the form is what clicking it does.
    private static async Task ClickGenerateAsync(IRenderedComponent<KeyRequestForm> cut)
    {
        cut.FindAll("button[type=submit]").Single().TextContent.ShouldContain("Generate session key");
        await cut.Find("form").SubmitAsync();
    }

    private static IElement QueueKind(IRenderedComponent<KeyRequestForm> cut, string name) =>
        cut.FindAll("input[name=queue-kind]").Single(r => r.ParentElement!.TextContent.Trim() == name);

    /// <summary>The whole field (label, control, help or error text) around the control with <paramref name="inputId"/>.</summary>
    private static IElement FieldOf(IRenderedComponent<KeyRequestForm> cut, string inputId) =>
        cut.Find($"#{inputId}").Closest(".form-field") ?? throw new ShouldAssertException($"No field around #{inputId}");
}
