using FluentValidation;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Features.Invitations;

public static class InvitationsServiceCollectionExtensions
{
    /// <summary>
    /// Invitation emails from the result card: the outbox, its sender on the company's SMTP server (section <c>Smtp</c>;
    /// off without <see cref="SmtpOptions.Host"/>), and the site templates per language (<see cref="IInvitationTemplates"/>).
    /// </summary>
    public static IHostApplicationBuilder AddInvitations(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<IValidator<InvitationRequest>, InvitationRequestValidator>();
        services.AddSingleton<IInvitationTemplates, LocalizedInvitationTemplates>();
        services.AddSingleton(sp => new InvitationRetrySchedule(sp.GetRequiredService<IOptions<SmtpOptions>>().Value));
        services.AddSingleton<InvitationEvents>();
        services.AddSingleton<InvitationQuery>();
        services.AddSingleton<InvitationDelivery>();
        services.AddSingleton<SmtpInvitationMailer>();
        services.AddScoped<InvitationOutbox>();
        services.AddHostedService<InvitationDispatcher>();
        return builder;
    }
}
