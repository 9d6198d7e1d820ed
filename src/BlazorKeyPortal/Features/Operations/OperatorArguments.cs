namespace BlazorKeyPortal.Features.Operations;

/// <summary>
/// The words of an operator's command line: positional words, and the verb's own <c>--options</c>. Options that name a
/// setting (<c>--Database:ConnectionString=…</c>, <c>--Portal:DataDirectory /srv/portal</c>) belong to the configuration,
/// which reads the same command line, and are passed over here.
/// </summary>
public sealed class OperatorArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);

    private OperatorArguments(List<string> words) => Words = words;

    public IReadOnlyList<string> Words { get; }

    /// <param name="flags">Options that take no value (<c>--script</c>).</param>
    /// <param name="valued">Options that take one value (<c>--role Admin</c>).</param>
    public static OperatorArguments Parse(IEnumerable<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued)
    {
        var words = new List<string>();
        var parsed = new OperatorArguments(words);
        using var arg = args.GetEnumerator();
        while (arg.MoveNext())
        {
            var current = arg.Current;
            if (!current.StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(current);
                continue;
            }
            var name = current[2..];
            var equals = name.IndexOf('=');
            string? inlineValue = equals >= 0 ? name[(equals + 1)..] : null;
            if (equals >= 0) name = name[..equals];
            if (name.Contains(':', StringComparison.Ordinal) || name.Contains("__", StringComparison.Ordinal))
            {
                // A setting: its value, if not inline, is the next word.
                if (inlineValue is null) arg.MoveNext();
                continue;
            }
            if (flags.Contains(name, StringComparer.OrdinalIgnoreCase) && inlineValue is null)
            {
                parsed._options[name] = null;
            }
            else if (valued.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (inlineValue is null && !arg.MoveNext()) throw new OperatorCommandException($"--{name} needs a value.", 2);
                parsed._options[name] = inlineValue ?? arg.Current;
            }
            else
            {
                throw new OperatorCommandException($"unknown option --{name}.", 2);
            }
        }
        return parsed;
    }

    public bool Has(string option) => _options.ContainsKey(option);

    public string? Value(string option) => _options.GetValueOrDefault(option);

    /// <summary>The positional word at <paramref name="index"/>, or a usage error naming <paramref name="what"/>.</summary>
    public string Word(int index, string what) =>
        index < Words.Count ? Words[index] : throw new OperatorCommandException($"{what} is missing.", 2);

    /// <summary>A usage error when more positional words were given than the verb takes.</summary>
    public void NoMoreThan(int count)
    {
        if (Words.Count > count) throw new OperatorCommandException($"unexpected '{Words[count]}'.", 2);
    }
}
