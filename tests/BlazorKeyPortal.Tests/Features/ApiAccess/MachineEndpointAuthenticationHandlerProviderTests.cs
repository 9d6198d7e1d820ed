using BlazorKeyPortal.Features.ApiAccess;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace BlazorKeyPortal.Tests.Features.ApiAccess;

public sealed class MachineEndpointAuthenticationHandlerProviderTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("CommandApi")]
    [InlineData("StartSession")]
    public void The_machine_apis_are_marked_as_endpoints_for_machine_clients(string endpointName)
    {
        EndpointNamed(endpointName).Metadata.GetMetadata<MachineEndpointMetadata>().ShouldNotBeNull();
    }

    [Fact]
    public async Task On_the_command_api_the_sign_in_protocol_schemes_do_not_exist_and_the_bearer_schemes_do()
    {
        using var scope = portal.Started().Services.CreateScope();
        var (handlers, http) = HandlersFor(scope, EndpointNamed("CommandApi"));

        (await handlers.GetHandlerAsync(http, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).ShouldBeNull();
        (await handlers.GetHandlerAsync(http, OpenIdConnectDefaults.AuthenticationScheme)).ShouldBeNull();
        (await handlers.GetHandlerAsync(http, ApiBearerHandler.SchemeName)).ShouldNotBeNull();
        (await handlers.GetHandlerAsync(http, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Any_other_endpoint_keeps_openiddicts_server_scheme()
    {
        using var scope = portal.Started().Services.CreateScope();
        var (handlers, http) = HandlersFor(scope, endpoint: null);
        http.Request.Path = TokenEndpoint.Path;

        (await handlers.GetHandlerAsync(http, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_command_api_still_issues_keys_and_the_token_endpoint_still_issues_tokens()
    {
        var api = await new CommandApiClient(portal.Started().CreateClient()).SignedInAsync();

        var result = await api.GenerateAsync();

        result.IsError.ShouldBeFalse(result.Body);
        result.Xml.Root!.Name.LocalName.ShouldBe("session_key");
    }

    private Endpoint EndpointNamed(string name) => portal.Started().Services.GetRequiredService<EndpointDataSource>().Endpoints
        .Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == name);

    private static (IAuthenticationHandlerProvider Handlers, HttpContext Http) HandlersFor(IServiceScope scope, Endpoint? endpoint)
    {
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.SetEndpoint(endpoint);
        return (scope.ServiceProvider.GetRequiredService<IAuthenticationHandlerProvider>(), http);
    }
}
