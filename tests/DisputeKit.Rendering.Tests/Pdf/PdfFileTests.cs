using System.Text;
using DisputeKit.Rendering.Pdf;
using Shouldly;

namespace DisputeKit.Rendering.Tests.Pdf;

public sealed class PdfFileTests
{
    [Theory]
    [InlineData("<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page/Parent 1 0 R >>", 2)]
    [InlineData("<< /Type\n/Page\r\n>> << /Type /PageLabel >> << /Type /Catalog >>", 1)]
    [InlineData("<< /Type /Page", 1)]
    [InlineData("/Type", 0)]
    [InlineData("", 0)]
    public void PageCount_CountsPageObjects_NotThePageTreeOrOtherTypes(string body, int pages) =>
        PdfFile.PageCount(Encoding.Latin1.GetBytes(body)).ShouldBe(pages);

    [Fact]
    public void WithInfo_PrinterDatesOfTheSameLength_BecomeTheModelsDate_OthersUntouched()
    {
        const string body = "%PDF-1.4\n1 0 obj\n<< /CreationDate (D:20261203101112+00'00') /ModDate (D:20261203101112) >>\nendobj\n";
        var pdf = Encoding.Latin1.GetBytes(body + "xref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n" + body.Length + "\n%%EOF\n");

        var text = Encoding.Latin1.GetString(PdfFile.WithInfo(pdf, "T", "S", "A", new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)));

        text.ShouldStartWith("%PDF-1.4\n1 0 obj\n<< /CreationDate (D:20261101090000+00'00') /ModDate (D:20261203101112) >>");
        text.ShouldContain("/Info 2 0 R /Prev " + body.Length);
    }
}
