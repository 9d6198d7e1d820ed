using BlazorKeyPortal.Features.Operations;
using BlazorKeyPortal.Tests.Infrastructure;

namespace BlazorKeyPortal.Tests.Features.Operations;

/// <summary>What an operator's verb did: its exit code and the text it wrote to standard output and error.</summary>
public sealed record OperatorRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs a verb against the services of <paramref name="portal"/>, with <paramref name="input"/> piped in.</summary>
    public static async Task<OperatorRun> RunAsync(PortalFactory portal, string? input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new OperatorConsole(new StringReader(input ?? ""), output, error, inputIsTerminal: false);
        var exitCode = await OperatorCommands.RunAsync(portal.Started().Services, args, console);
        return new OperatorRun(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>A portal outside Development: no demo data, and the guard against it.</summary>
public sealed class ProductionPortal : PortalFactory
{
    protected override string EnvironmentName => "Production";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:PublicOrigin"] = "https://localhost" };
}
