using System.Text;

namespace BlazorKeyPortal.Tests.Reliability;

/// <summary>
/// Generates malformed requests from a fixed seed, so a failure names a reproducible request: wrong types,
/// huge values, invalid UTF-8, duplicated parameters, XML metacharacters, control characters, stray
/// parameters, wrong methods and content types.
/// </summary>
public sealed class MalformedRequestGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Names =
    [
        "action", "type", "queue_id", "external_key", "session.custom.external_key", "session.custom.custom_field1",
        "session.custom.", "session.custom.nope", "session.priority", "session.skills", "ttl", "url_hostname", "showmembers",
    ];

    private static readonly string[] Actions = ["generate_session_key", "get_logged_in_reps", "get_support_teams", "get_api_info", "GENERATE_SESSION_KEY", "", "drop_table", "generate_session_key\0"];

    private static readonly string[] Values =
    [
        "", " ", "support", "general", "team:1", "rep:1", "rep:-1", "rep:2147483648", "team:1.5", "team:", ":", "issue:", "rep_username:",
        "embassy:0", "1e3", "0x10", "-0", "+1", "NaN", "null", "true", "[]", "{}", "<error>", "</session_key>", "&amp;", "]]>", "<!--",
        "<?xml version=\"1.0\"?>", "'\"<>&", "\u0000", "\u0001\u0002", "\uFFFE", "\uD800", "%FF", "%%", "😀", "Ω≈ç√", "a,b,,c", ",,,",
        "codename1,codename1", "support.localhost:5080", "SUPPORT.LOCALHOST", "support.localhost.", "..", "http://evil", "99999999999999999999",
    ];

    /// <summary>A raw query string (already URL-encoded where it should be, broken where it should not).</summary>
    public string Query()
    {
        var parts = new List<string>();
        if (_random.Next(4) > 0) parts.Add("action=" + Encode(Pick(Actions)));
        var count = _random.Next(0, 12);
        for (var i = 0; i < count; i++)
        {
            parts.Add($"{Encode(Name())}={Value()}");
        }
        if (_random.Next(5) == 0) parts.Add(parts.Count > 0 ? parts[_random.Next(parts.Count)] : "ttl=1"); // duplicate
        if (_random.Next(10) == 0) parts.Add("%FF%FE=%C3%28"); // invalid UTF-8 in name and value
        if (_random.Next(15) == 0) parts.Add(new string('&', _random.Next(1, 50)));
        return string.Join('&', parts.OrderBy(_ => _random.Next()));
    }

    /// <summary>Form fields for a POST body (names and values as text; the client encodes them).</summary>
    public List<KeyValuePair<string, string>> Form()
    {
        var fields = new List<KeyValuePair<string, string>> { new("action", Pick(Actions)) };
        var count = _random.Next(0, 12);
        for (var i = 0; i < count; i++)
        {
            fields.Add(new(Name(), Uri.UnescapeDataString(Value().Replace("%", "%25", StringComparison.Ordinal))));
        }
        if (_random.Next(5) == 0 && fields.Count > 0) fields.Add(fields[_random.Next(fields.Count)]);
        if (_random.Next(20) == 0) fields.AddRange(Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>($"session.custom.f{i}", "x")));
        return fields;
    }

    /// <summary>Raw body bytes: invalid UTF-8, truncated encodings, binary noise.</summary>
    public byte[] RawBody()
    {
        var bytes = Encoding.UTF8.GetBytes("action=generate_session_key&type=support&queue_id=general&external_key=");
        var noise = new byte[_random.Next(1, 256)];
        _random.NextBytes(noise);
        return [.. bytes, .. noise];
    }

    public int Next(int max) => _random.Next(max);

    private string Name() => _random.Next(10) == 0 ? "session.custom." + new string('n', _random.Next(1, 300)) : Pick(Names);

    private string Value() => _random.Next(12) switch
    {
        0 => new string('9', _random.Next(1, 2000)),
        1 => Uri.EscapeDataString(new string('x', _random.Next(1000, 12_000))),
        2 => "%C3%28%A0%A1%E2%82",          // invalid UTF-8 sequences
        3 => "%00%01%1F%7F",                // control characters
        4 => Uri.EscapeDataString(string.Concat(Enumerable.Repeat("<&>\"'", _random.Next(1, 200)))),
        _ => Uri.EscapeDataString(Pick(Values)).Replace("%2525", "%25", StringComparison.Ordinal),
    };

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private static string Encode(string text) => Uri.EscapeDataString(text);
}
