using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.SessionKeys;

namespace BlazorKeyPortal.Tests.Features.SessionKeys;

public sealed class KeyMaterialTests
{
    [Fact]
    public void Short_keys_are_seven_digits_by_default()
    {
        for (var i = 0; i < 1000; i++)
        {
            KeyMaterial.NewShortKey(ShortKeyAlphabet.Digits).ShouldMatch("^[0-9]{7}$");
        }
    }

    [Fact]
    public void The_letters_alphabet_has_no_look_alike_characters()
    {
        KeyMaterial.DigitsAndLetters.Length.ShouldBe(32);
        KeyMaterial.DigitsAndLetters.ShouldNotContain('0');
        KeyMaterial.DigitsAndLetters.ShouldNotContain('1');
        KeyMaterial.DigitsAndLetters.ShouldNotContain('I');
        KeyMaterial.DigitsAndLetters.ShouldNotContain('O');
        KeyMaterial.NewShortKey(ShortKeyAlphabet.DigitsAndLetters).ShouldMatch("^[2-9A-HJ-NP-Z]{7}$");
    }

    [Fact]
    public void Access_keys_are_32_lower_case_hex_characters_all_different_in_the_same_millisecond()
    {
        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_796_040_000_123);

        var keys = Enumerable.Range(0, 1000).Select(_ => KeyMaterial.NewAccessKey(issuedAt)).ToList();

        keys.ShouldAllBe(k => System.Text.RegularExpressions.Regex.IsMatch(k, "^[0-9a-f]{32}$"));
        keys.Distinct().Count().ShouldBe(1000);
    }

    [Fact]
    public void Access_keys_begin_with_their_issue_time_in_milliseconds_so_later_keys_sort_after_earlier_ones()
    {
        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(0x01A2_B3C4_D5E6);

        var key = KeyMaterial.NewAccessKey(issuedAt);
        var millisecondLater = KeyMaterial.NewAccessKey(issuedAt.AddMilliseconds(1));

        key[..12].ShouldBe("01a2b3c4d5e6");
        millisecondLater[..12].ShouldBe("01a2b3c4d5e7");
        string.CompareOrdinal(millisecondLater, key).ShouldBePositive();
    }

    [Fact]
    public void The_80_bits_after_the_time_are_random_each_bit_set_about_half_the_time()
    {
        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(0x01A2_B3C4_D5E6);
        var ones = new int[80];
        const int Keys = 4000;
        for (var i = 0; i < Keys; i++)
        {
            var random = Convert.FromHexString(KeyMaterial.NewAccessKey(issuedAt)[12..]);
            for (var bit = 0; bit < 80; bit++) ones[bit] += (random[bit / 8] >> (bit % 8)) & 1;
        }

        // Each bit is 1 in 2,000 of 4,000 keys on average (σ ≈ 32); a CSPRNG stays well inside ±10 %.
        ones.ShouldAllBe(n => n > 1800 && n < 2200);
    }

    [Fact]
    public void Every_digit_appears_in_short_keys_at_a_uniform_rate()
    {
        var counts = new int[10];
        for (var i = 0; i < 10_000; i++)
        {
            foreach (var c in KeyMaterial.NewShortKey(ShortKeyAlphabet.Digits)) counts[c - '0']++;
        }
        // 70,000 digits: each expected 7,000; a CSPRNG stays well inside ±10%.
        counts.ShouldAllBe(n => n > 6_300 && n < 7_700);
    }

    [Theory]
    [InlineData("2960564", "2960564")]
    [InlineData("296 0564", "2960564")]
    [InlineData(" 296-05-64 ", "2960564")]
    [InlineData("abcd234", "ABCD234")]
    [InlineData("296056", null)]
    [InlineData("29605641", null)]
    [InlineData("296_0564", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void What_a_customer_types_is_normalised_to_a_short_key(string? typed, string? expected)
    {
        KeyMaterial.NormalizeShortKey(typed).ShouldBe(expected);
    }
}
