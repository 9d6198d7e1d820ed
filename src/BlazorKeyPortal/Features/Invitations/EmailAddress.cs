using MimeKit;

namespace BlazorKeyPortal.Features.Invitations;

/// <summary>The customer's email address: what the portal accepts, and how it shows it to people other than the issuer.</summary>
public static class EmailAddress
{
    /// <summary>The longest address SMTP carries (RFC 5321: a 254-character path).</summary>
    public const int MaxLength = 254;

    /// <summary>Null when <paramref name="input"/> is one plain address the portal will send to, else the reason it is not.</summary>
    public static string? Problem(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text)) return "Enter the customer's email address, like name@example.com.";
        if (text.Length > MaxLength) return $"An email address has at most {MaxLength} characters.";
        // A display name or a list ("Jane <j@x>", "a@x, b@x") would send to someone the agent did not type.
        if (!MailboxAddress.TryParse(ParserOptions.Default, text, out var mailbox) || mailbox.Address != text || !IsPlain(text))
        {
            return $"'{text}' is not an email address; enter one address like name@example.com.";
        }
        return null;
    }

    /// <summary>Whether <paramref name="address"/> is <c>local@domain</c> with a dotted domain and nothing else around it.</summary>
    internal static bool IsPlain(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return false;
        var domain = address[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';');
    }

    /// <summary>
    /// <c>jane.doe@example.com</c> as <c>j***@example.com</c>: enough for a supervisor to tell invitations apart and see
    /// where they went, without the history and the audit trail keeping a customer's address readable.
    /// </summary>
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }
}
