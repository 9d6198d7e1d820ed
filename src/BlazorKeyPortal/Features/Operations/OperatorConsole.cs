namespace BlazorKeyPortal.Features.Operations;

/// <summary>
/// Where an operator's verb reads and writes: standard input, output and error, and whether input is a terminal
/// (then a password is typed without echo) or a pipe (then it is the first line).
/// </summary>
public sealed class OperatorConsole(TextReader input, TextWriter output, TextWriter error, bool inputIsTerminal)
{
    public static OperatorConsole System => new(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected);

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>A password from a terminal (asked twice, not echoed) or the first line of piped input.</summary>
    public string? ReadPassword(string prompt)
    {
        if (!inputIsTerminal) return input.ReadLine()?.TrimEnd('\r');

        var first = ReadHidden(prompt);
        var second = ReadHidden("Type it again: ");
        if (first != second) throw new OperatorCommandException("the two passwords differ.");
        return first;
    }

    private string ReadHidden(string prompt)
    {
        Error.Write(prompt);
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Error.WriteLine();
        return typed.ToString();
    }
}

/// <summary>A verb that cannot do what was asked; its message is the one line the operator sees.</summary>
public sealed class OperatorCommandException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>1 when the work failed, 2 when the command line itself is wrong.</summary>
    public int ExitCode { get; } = exitCode;
}
