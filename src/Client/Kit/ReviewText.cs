using LiveBoard.Client.Model;

namespace LiveBoard.Client.Kit;

/// <summary>English text for review levels and tags (the keys of the resource files).</summary>
public static class ReviewText
{
    public static string Level(ReviewLevel level) => level switch
    {
        ReviewLevel.VeryDissatisfied => "Very dissatisfied",
        ReviewLevel.Dissatisfied => "Dissatisfied",
        ReviewLevel.BasicallySatisfied => "Basically satisfied",
        ReviewLevel.Satisfied => "Satisfied",
        _ => "Very satisfied",
    };

    /// <summary>A face per level from MudBlazor's Material set, so the ticker and the form read without colour (an SVG path: no font can lack it).</summary>
    public static string Icon(ReviewLevel level) => level switch
    {
        ReviewLevel.VeryDissatisfied => MudBlazor.Icons.Material.Filled.SentimentVeryDissatisfied,
        ReviewLevel.Dissatisfied => MudBlazor.Icons.Material.Filled.SentimentDissatisfied,
        ReviewLevel.BasicallySatisfied => MudBlazor.Icons.Material.Filled.SentimentNeutral,
        ReviewLevel.Satisfied => MudBlazor.Icons.Material.Filled.SentimentSatisfied,
        _ => MudBlazor.Icons.Material.Filled.SentimentVerySatisfied,
    };

    public static string CssClass(ReviewLevel level) => level.IsBad() ? "bad" : level == ReviewLevel.BasicallySatisfied ? "fair" : "good";

    public static IEnumerable<string> Tags(ReviewTags tags) =>
        Enum.GetValues<ReviewTags>().Where(t => t != ReviewTags.None && tags.HasFlag(t)).Select(Tag);

    public static string Tag(ReviewTags tag) => tag switch
    {
        ReviewTags.LowEfficiency => "Low efficiency",
        ReviewTags.ExceededTimeLimit => "Exceeded the promised time",
        ReviewTags.Perfunctory => "Perfunctory",
        ReviewTags.MadeMeComeBack => "Made me come back",
        ReviewTags.NoCivilLanguage => "No civil language",
        ReviewTags.Indifferent => "Indifferent",
        ReviewTags.Impatient => "Impatient",
        ReviewTags.UnclearOnPolicy => "Unclear on policy",
        ReviewTags.NotToldAllRequirements => "Requirements not told at once",
        ReviewTags.CouldNotOperate => "Could not operate the business",
        ReviewTags.LateOrLeftEarly => "Late or left early",
        ReviewTags.LeftPostWithoutReason => "Left the post without reason",
        ReviewTags.NeglectOfDuty => "Neglect of duty",
        ReviewTags.AskedForFavours => "Asked for favours",
        _ => tag.ToString(),
    };
}
