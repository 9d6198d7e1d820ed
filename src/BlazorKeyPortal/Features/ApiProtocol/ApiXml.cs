using System.Globalization;
using System.Text;
using System.Xml;

namespace BlazorKeyPortal.Features.ApiProtocol;

/// <summary>
/// XML replies shaped as BeyondTrust appliances send them, for the command API and <c>start_session</c> alike:
/// declaration with <c>encoding="UTF-8"</c>, a blank line, the root in the command namespace, tab indentation.
/// </summary>
public static class ApiXml
{
    public const string Namespace = "https://www.beyondtrust.com/namespaces/API/command";
    public const string ContentType = "text/xml; charset=UTF-8";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n";

    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Indent = true,
        IndentChars = "\t",
        NewLineChars = "\n",
        Encoding = new UTF8Encoding(false),
        // Control characters a caller sent (say, in an external key) must not make the document unreadable.
        CheckCharacters = false,
    };

    /// <summary>An <c>&lt;error&gt;</c> document; clients look for <c>&lt;error</c> in the body.</summary>
    public static string Error(string message)
    {
        var builder = new StringBuilder(Declaration);
        using (var w = XmlWriter.Create(builder, Settings))
        {
            w.WriteElementString("error", Namespace, Safe(message));
        }
        return builder.Append('\n').ToString();
    }

    /// <summary>A document with <paramref name="root"/> in the command namespace.</summary>
    public static string Write(string root, Action<XmlWriter> body)
    {
        var builder = new StringBuilder(Declaration);
        using (var w = XmlWriter.Create(builder, Settings))
        {
            w.WriteStartElement(root, Namespace);
            body(w);
            w.WriteEndElement();
        }
        return builder.Append('\n').ToString();
    }

    internal static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot carry, so a reply is always well-formed.</summary>
    internal static string Safe(string text)
    {
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)) return new string(text.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch)).ToArray());
        }
        return text;
    }
}
