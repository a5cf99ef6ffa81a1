namespace LiveBoard.Client.Localization;

/// <summary>
/// Marker for the UI's resource files (Text.resx in English, Text.zh-CN.resx in Simplified
/// Chinese). Keys are the English text, so a missing translation shows English, never a key.
/// </summary>
public sealed class Text;
