using BlazorKeyPortal.Components;

namespace BlazorKeyPortal.Features.Operations;

/// <summary>
/// The operator's verbs on the portal's own executable (<c>dotnet BlazorKeyPortal.dll users add …</c>). They read the
/// same configuration as the service (appsettings, environment, command line), so they act on the same database and
/// data directory. Each exits 0 when it did its work, 1 with one line naming the problem when it could not, and 2 when
/// the command line itself is wrong.
/// </summary>
public static class OperatorCommands
{
    private static readonly string[] Verbs = ["users", "migrate", "backup", "help", "--help", "-h", "-?", "--version"];

    /// <summary>
    /// Settings added to a verb's command line: its output is the operator's, so the host logs only warnings, and to
    /// standard error, where they cannot mix with a script written to standard output.
    /// </summary>
    public static readonly string[] Settings =
    [
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning",
        "--Logging:Console:LogToStandardErrorThreshold=Trace",
    ];

    /// <summary>True when the command line asks for a verb rather than for the portal to run.</summary>
    public static bool Recognizes(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>Runs the verb named by <paramref name="args"/> and returns the process's exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, OperatorConsole console, CancellationToken cancellationToken = default)
    {
        var verb = args[0];
        try
        {
            switch (verb)
            {
                case "users":
                    await new UserCommands(services, console).RunAsync(Parse(args, UserCommands.Flags, UserCommands.Valued), cancellationToken);
                    break;
                case "migrate":
                    await new DatabaseCommands(services, console).MigrateAsync(Parse(args, DatabaseCommands.Flags, []), cancellationToken);
                    break;
                case "backup":
                    await new DatabaseCommands(services, console).BackupAsync(Parse(args, [], DatabaseCommands.Valued), cancellationToken);
                    break;
                case "--version":
                    console.Out.WriteLine($"BlazorKeyPortal {ProductVersion.Current}");
                    break;
                default:
                    console.Out.Write(Help);
                    break;
            }
            return 0;
        }
        catch (OperatorCommandException ex)
        {
            console.Error.WriteLine($"{verb}: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One line for the operator; the database or the file system said what went wrong.
            console.Error.WriteLine($"{verb}: {ex.GetBaseException().Message}");
            return 1;
        }
    }

    private static OperatorArguments Parse(string[] args, string[] flags, string[] valued) => OperatorArguments.Parse(args, flags, valued);

    public const string Help = """
        Usage: BlazorKeyPortal [VERB] [options] [--Section:Setting=value ...]

        Without a verb the portal runs. The verbs read the same settings as the portal (appsettings.json,
        environment variables such as Portal__DataDirectory, and --Section:Setting options), act, and exit.

          users add NAME --role Agent|Supervisor|Admin [--representative ID] [--email ADDRESS]
                                  create a user of the built-in sign-in provider; the password is read
                                  from standard input (typed twice without echo on a terminal)
          users set-password NAME set a new password (standard input); the user's sessions end
          users list              list users with their roles, representative and state
          users disable NAME      stop a user from signing in; their sessions end
          users enable NAME       let a disabled user sign in again
          migrate                 apply pending database migrations (SQLite: after a backup) and exit
          migrate --script        print the idempotent SQL Server migration script
          backup --to FILE        copy the SQLite database while the portal runs, then check the copy
                                  (integrity and audit trail)
          --version               print the version
          --help                  print this help

        Exit codes: 0 done, 1 failed (one line on standard error says why), 2 wrong command line.

        """;
}
