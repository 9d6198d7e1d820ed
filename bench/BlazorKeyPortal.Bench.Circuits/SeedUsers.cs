namespace BlazorKeyPortal.Bench.Circuits;

/// <summary>The Development sign-ins that the portal seeds (its <c>DevelopmentUsers</c>).</summary>
internal static class SeedUsers
{
    public const string Password = "Passw0rd!";

    /// <summary>An agent whose portal name is representative 1's (team 1).</summary>
    public const string Agent = "agent";

    /// <summary>An agent whose portal name is representative 2's (team 1): the rep who switches.</summary>
    public const string Rep = "agent2";
}
