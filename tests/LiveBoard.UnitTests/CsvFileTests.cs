using LiveBoard.Server.Common;

namespace LiveBoard.UnitTests;

public sealed class CsvFileTests
{
    [Theory]
    [InlineData("王涛", "王涛")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"点击\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点击\"\")\"")]
    [InlineData("+86 139", "'+86 139")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("窗口, 一楼", "\"窗口, 一楼\"")]
    [InlineData(null, "")]
    public void A_cell_is_quoted_when_needed_and_never_read_as_a_formula(string? value, string written) =>
        Assert.Equal(written, CsvFile.Field(value));
}
