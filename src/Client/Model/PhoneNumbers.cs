namespace LiveBoard.Client.Model;

/// <summary>What LiveBoard takes for a telephone number: a citizen's for the return call, a staff member's work phone.</summary>
public static class PhoneNumbers
{
    public const int MinLength = 5;
    public const int MaxLength = 20;

    /// <summary>Digits, spaces, + and - only, 5 to 20 characters ("0739-8123456", "+86 139 0000 0000").</summary>
    public static bool IsValid(string phone) =>
        phone.Length is >= MinLength and <= MaxLength && phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-');
}
