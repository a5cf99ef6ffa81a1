namespace LiveBoard.Client.Model;

/// <summary>
/// The one length limit of each free-text field and identifier that comes in from a device, a form
/// or the API. Defined here, once: the validators refuse anything longer, the database column is
/// this wide (on both providers), and the screens' inputs stop here (maxlength). The Client holds
/// them because the screens need them and the server references the Client, not the other way.
/// </summary>
public static class TextLimits
{
    /// <summary>A device's own id for an event.</summary>
    public const int EventId = 100;

    /// <summary>A hall's, business's or window's review code.</summary>
    public const int Code = 16;

    /// <summary>A queue ticket's number, e.g. "A023".</summary>
    public const int Ticket = 16;

    /// <summary>Where a staff member went, or why (shown on the board).</summary>
    public const int WhereaboutsNote = 200;

    /// <summary>A citizen's comment with a rating.</summary>
    public const int ReviewComment = 500;

    /// <summary>A citizen's phone for the return call, as typed.</summary>
    public const int Phone = 20;

    /// <summary>What a person writes on an alert: a comment, the rectification, an appeal's reason, a return call's outcome.</summary>
    public const int AlertNote = 2000;

    /// <summary>A user's sign-in name (also where a change names its author, and an alert its assignee).</summary>
    public const int UserName = 64;
}

/// <summary>What counts as text LiveBoard stores and shows.</summary>
public static class TextRules
{
    /// <summary>
    /// No control characters (NUL, escape, bell, …, U+007F–U+009F): they are invisible on a screen,
    /// break a CSV line or a log, and PostgreSQL refuses NUL outright. A field of several lines (a
    /// comment, an alert's note) may carry line breaks and tabs; nothing else.
    /// </summary>
    public static bool IsText(string value, bool multiLine = false)
    {
        var surrogates = false;
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t'))
                return false;
            surrogates |= char.IsSurrogate(c);
        }
        return !surrogates || IsWellFormed(value);
    }

    /// <summary>Every surrogate in a pair (a lone one cannot be stored as UTF-8).</summary>
    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(value[i]))
                return false;
        }
        return true;
    }
}
