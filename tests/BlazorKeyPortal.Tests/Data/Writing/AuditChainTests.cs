using System.Security.Cryptography;
using System.Text.Json;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;

namespace BlazorKeyPortal.Tests.Data.Writing;

public sealed class AuditChainTests
{
    public static TheoryData<string?, string?, string?> Contents => new()
    {
        { "key.issued", "{\"short_key\":\"1234567\"}", "session_key" },
        { "admin.site_changed", "<script>&'\"\\ é 東京 😀\u0001", null },
        { "sign_in", null, null },
    };

    [Theory]
    [MemberData(nameof(Contents))]
    public void The_hash_is_the_sha256_of_the_entrys_fields_as_a_json_array_exactly_as_entries_already_stored_were_hashed(
        string? action, string? details, string? subjectType)
    {
        var entry = new AuditEntry
        {
            Sequence = 7,
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_123),
            Actor = "api:demo-full-access",
            Action = action!,
            SubjectType = subjectType,
            SubjectId = "42",
            Details = details,
            PreviousHash = AuditChain.GenesisHash,
            Hash = "",
        };
        // The rule every stored entry was hashed with; changing its bytes would make old chains fail verification.
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            entry.OccurredAt.ToUnixTimeMilliseconds(), entry.Actor, entry.Action, entry.SubjectType, entry.SubjectId, entry.Details, entry.PreviousHash,
        });

        AuditChain.ComputeHash(entry).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(canonical)));
    }

    [Fact]
    public void An_entrys_hash_is_pinned_so_that_no_change_to_the_rule_goes_unnoticed()
    {
        var entry = new AuditEntry
        {
            Sequence = 1,
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_123),
            Actor = "api:demo-full-access",
            Action = "key.issued",
            SubjectType = "session_key",
            SubjectId = "42",
            Details = null,
            PreviousHash = AuditChain.GenesisHash,
            Hash = "",
        };

        // SHA-256 of [1796000000123,"api:demo-full-access","key.issued","session_key","42",null,"000…000"], computed apart
        // from the code under test: stored chains were hashed with exactly these bytes.
        AuditChain.ComputeHash(entry).ShouldBe("20cf4e2873cfe76d42775bffbceb01c1e3b774f284d33d86c17ded93c83da32a");
    }
}
