using System.Globalization;
using Lagebild.Ingest.Feeds;

namespace Lagebild.Tests.Ingest.Feeds;

public sealed class FeedDateTests
{
    [Theory]
    [InlineData("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00+00:00")]
    [InlineData("Tue, 10 Jun 2003 04:00:00 +0200", "2003-06-10T04:00:00+02:00")]
    [InlineData("Tue, 10 Jun 2003 04:00:00 +02:00", "2003-06-10T04:00:00+02:00")]
    [InlineData("Tue, 10 Jun 2003 04:00:00 EDT", "2003-06-10T04:00:00-04:00")]
    [InlineData("Tue, 10 Jun 2003 04:00:00 PST", "2003-06-10T04:00:00-08:00")]
    [InlineData("Tue, 10 Jun 2003 04:00:00 CEST", "2003-06-10T04:00:00+02:00")]
    [InlineData("10 Jun 2003 04:00 GMT", "2003-06-10T04:00:00+00:00")]
    [InlineData("Tue, 10 Jun 03 04:00:00 GMT", "2003-06-10T04:00:00+00:00")]
    [InlineData("Tuesday, 10 June 2003 04:00:00 UT", "2003-06-10T04:00:00+00:00")]
    [InlineData("Tue, 10 Jun 2003 04:00:00 GMT+0100", "2003-06-10T04:00:00+01:00")]
    [InlineData("Tue, 10 Jun 2003 04:00:00", "2003-06-10T04:00:00+00:00")]
    [InlineData("Di, 10 Jun 2003 04:00:00 MESZ", "2003-06-10T04:00:00+02:00")]
    [InlineData("Mi, 01 Mär 2023 07:30:00 +0100", "2023-03-01T07:30:00+01:00")]
    [InlineData("mar., 14 févr. 2023 09:15:00 +0100", "2023-02-14T09:15:00+01:00")]
    [InlineData("Mar, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00+00:00")]
    [InlineData("Jun 10 2003 04:00:00 GMT", "2003-06-10T04:00:00+00:00")]
    [InlineData("2003-06-10T04:00:00Z", "2003-06-10T04:00:00+00:00")]
    [InlineData("2003-06-10T04:00:00.123+05:30", "2003-06-10T04:00:00.123+05:30")]
    [InlineData("2003-06-10T04:00:00+0530", "2003-06-10T04:00:00+05:30")]
    [InlineData("2003-06-10 04:00:00", "2003-06-10T04:00:00+00:00")]
    [InlineData("2003-06-10 04:00:00 +0200", "2003-06-10T04:00:00+02:00")]
    [InlineData("2003-06-10", "2003-06-10T00:00:00+00:00")]
    [InlineData("10.06.2003 04:00", "2003-06-10T04:00:00+00:00")]
    [InlineData("  Tue, 10 Jun 2003 04:00:00 GMT  ", "2003-06-10T04:00:00+00:00")]
    public void ParsesFeedDates(string text, string expected)
    {
        Assert.True(FeedDate.TryParse(text, out var date), $"could not parse '{text}'");
        var want = DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture);
        Assert.True(date.EqualsExact(want), $"'{text}' gave {date:o}, expected {want:o}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Tue, 31 Feb 2003 04:00:00 GMT")]
    [InlineData("Tue, 10 Foo 2003 04:00:00 GMT")]
    [InlineData("10 Jun 04:00")]
    [InlineData("Tue, 10 Jun 2003 25:00:00 GMT")]
    [InlineData("2003-13-10T04:00:00Z")]
    public void RejectsWhatIsNotADate(string text) => Assert.False(FeedDate.TryParse(text, out _));
}
