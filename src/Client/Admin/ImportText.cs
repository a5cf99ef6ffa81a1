using LiveBoard.Client.Localization;
using Microsoft.Extensions.Localization;

namespace LiveBoard.Client.Admin;

/// <summary>
/// An organisation problem in the reader's language: the server hands the code and its arguments,
/// the screen (or the API, in the request's language) words them here.
/// </summary>
public static class ImportText
{
    public static string Message(ImportProblem problem, IStringLocalizer text)
    {
        string A(int i) => i < problem.Args.Count ? problem.Args[i] : "";
        return problem.Code switch
        {
            ImportProblemCode.UnreadableFile => text["“{0}” cannot be read: it is not a workbook (.xlsx) or CSV file, or it is damaged.", A(0)],
            ImportProblemCode.NotASpreadsheet => text["“{0}” is neither an .xlsx workbook nor a .csv file.", A(0)],
            ImportProblemCode.FileTooLarge => text["“{0}” is larger than {1} MB.", A(0), A(1)],
            ImportProblemCode.NoKnownSheet => text["“{0}” has no sheet LiveBoard knows (halls, hours, departments, businesses, windows, staff): start from the template.", A(0)],
            ImportProblemCode.MissingColumn => text["The column “{0}” is missing.", A(0)],
            ImportProblemCode.SheetTwice => text["This sheet comes twice (again in “{0}”).", A(0)],
            ImportProblemCode.Required => text["Required."],
            ImportProblemCode.TooLong => text["At most {0} characters (this has {1}).", A(0), A(1)],
            ImportProblemCode.NotANumber => text["“{0}” is not a whole number.", A(0)],
            ImportProblemCode.OutOfRange => text["Between {0} and {1}.", A(0), A(1)],
            ImportProblemCode.BadCharacters => text["“{0}”: letters, digits, - and _ only.", A(0)],
            ImportProblemCode.NotATime => text["“{0}” is not a time such as 08:30.", A(0)],
            ImportProblemCode.NotAWeekday => text["“{0}” is not a weekday (Mon…Sun, 周一…周日 or 1–7).", A(0)],
            ImportProblemCode.NotAHallKind => text["“{0}”: county or township.", A(0)],
            ImportProblemCode.NotYesOrNo => text["“{0}”: yes or no.", A(0)],
            ImportProblemCode.NotAPhoneNumber => text["“{0}” is not a phone number: digits, spaces, + and - only, 5 to 20 characters.", A(0)],
            ImportProblemCode.TooShort => text["At least {0} characters.", A(0)],
            ImportProblemCode.Duplicate => text["“{0}” comes twice (first in row {1}).", A(0), A(1)],
            ImportProblemCode.UnknownHall => text["There is no hall “{0}”.", A(0)],
            ImportProblemCode.UnknownDepartment => text["There is no department “{0}”.", A(0)],
            ImportProblemCode.UnknownBusiness => text["There is no business “{0}”.", A(0)],
            ImportProblemCode.UnknownWindow => text["Hall {0} has no window {1}.", A(0), A(1)],
            ImportProblemCode.WindowOfAnotherHall => text["“{0}” is a window of hall {1}, not of this staff member's hall {2}.", A(0), A(1), A(2)],
            ImportProblemCode.UnknownAccount => text["There is no user “{0}”.", A(0)],
            ImportProblemCode.AccountLinkedTwice => text["The account “{0}” is linked to {1} too: one account, one person.", A(0), A(1)],
            ImportProblemCode.ReviewCodeTaken => text["The review code “{0}” is the code of window {1} too.", A(0), A(1)],
            ImportProblemCode.Deactivated => text["“{0}” is deactivated.", A(0)],
            ImportProblemCode.ClosesBeforeOpens => text["Closes ({1}) before it opens ({0}).", A(0), A(1)],
            ImportProblemCode.LunchIncomplete => text["Give both the start and the end of the lunch break, or neither."],
            ImportProblemCode.LunchOutsideHours => text["The lunch break {0}–{1} is not inside the opening hours {2}–{3}.", A(0), A(1), A(2), A(3)],
            ImportProblemCode.HoursOverlap => text["{0}: these hours overlap those in row {1}; one row per hall and weekday, with the lunch break in its own columns.", A(0), A(1)],
            ImportProblemCode.NoOpeningHours => text["Hall {0} has no opening hours: give at least one weekday.", A(0)],
            ImportProblemCode.StillInUse => text["“{0}” would be deactivated, but {2} still use it: {1}.", A(0), A(1), A(2)],
            ImportProblemCode.DatabaseRefused => text["The database refused the changes (another change at the same time?); nothing was applied. Try again."],
            _ => problem.Code.ToString(),
        };
    }

    /// <summary>A sheet's name in the reader's language; the file as a whole when none.</summary>
    public static string Sheet(OrganisationKind? kind, IStringLocalizer text) =>
        kind is { } k ? Cultures.Pick(OrganisationSheets.Of(k).Chinese, OrganisationSheets.Of(k).English) : text["File"];

    /// <summary>A column's header in the reader's language (the sheet's own header for it).</summary>
    public static string Column(OrganisationKind? kind, string? key) =>
        kind is { } k && key is not null && OrganisationSheets.Of(k).Columns.FirstOrDefault(c => c.Key == key) is { } column
            ? Cultures.Pick(column.Chinese, column.English)
            : "";
}
