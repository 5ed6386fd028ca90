using NUnit.Framework;
using Openness.Rules.Dates;

namespace Openness.Rules.Tests.Dates;

public class DateParserTests
{
    private static readonly DateOnly Reference = new(2026, 11, 20);

    [TestCase("2026-11-20")]
    [TestCase("2026/11/20")]
    [TestCase("2026.11.20")]
    [TestCase("2026年11月20日")]
    [TestCase("二〇二六年十一月二十日")]
    [TestCase("二零二六年十一月二十日")]
    [TestCase("发布时间：2026-11-20 10:20")]
    [TestCase("2026-11-20 10:20:33")]
    [TestCase("  \n\t 2026-11-20 \u3000 ")]
    [TestCase("[11-20]")]
    [TestCase("11-20")]
    [TestCase("2026 年 11 月 20 日")]
    public void Reads_every_form_of_the_same_day(string text)
    {
        Assert.That(DateParser.TryParse(text, Reference, out var d), Is.True, text);
        Assert.That(d, Is.EqualTo(new DateOnly(2026, 11, 20)));
    }

    [TestCase("2026年1月2日", 2026, 1, 2)]
    [TestCase("二〇二六年一月二日", 2026, 1, 2)]
    [TestCase("二〇二五年十二月三十一日", 2025, 12, 31)]
    [TestCase("二〇二六年十月十一日", 2026, 10, 11)]
    [TestCase("2026-3-5", 2026, 3, 5)]
    public void Reads_short_and_chinese_numbers(string text, int y, int m, int d) =>
        Assert.That(DateParser.Parse(text), Is.EqualTo(new DateOnly(y, m, d)));

    // A date at the very start is read without the patterns: the shortcut must give what they give.
    [TestCase("2026-13-01 发布 2026-11-20", "2026-11-20")]
    [TestCase("2026-02-30，2026-03-01", "2026-03-01")]
    [TestCase("2026-11-201", null)]
    [TestCase("2026-11-20T10:20:00+08:00", "2026-11-20")]
    [TestCase("1899-11-20", null)]
    [TestCase("2026-11-2０", "2026-11-20")]
    [TestCase("2026-11-20２", null)]
    public void A_leading_date_is_read_as_the_patterns_read_it(string text, string? expected) =>
        Assert.That(DateParser.Parse(text, Reference), Is.EqualTo(expected is null ? (DateOnly?)null : DateOnly.Parse(expected)));

    [TestCase("各乡镇人民政府，县政府各部门：", false)]
    [TestCase("二〇二六年十一月二十日", true)]
    [TestCase("第１２期", true)]
    [TestCase("", false)]
    public void Texts_without_a_digit_or_a_year_and_month_cannot_hold_a_date(string text, bool may) =>
        Assert.That(DateParser.MayHoldDate(text), Is.EqualTo(may));

    [Test]
    public void Month_day_later_than_the_reference_belongs_to_the_previous_year()
    {
        Assert.That(DateParser.Parse("09-25", new DateOnly(2017, 9, 30)), Is.EqualTo(new DateOnly(2017, 9, 25)));
        Assert.That(DateParser.Parse("12-28", new DateOnly(2017, 9, 30)), Is.EqualTo(new DateOnly(2016, 12, 28)));
        Assert.That(DateParser.Parse("[09-30]", new DateOnly(2017, 9, 30)), Is.EqualTo(new DateOnly(2017, 9, 30)));
    }

    [Test]
    public void Month_day_without_a_reference_is_not_a_date() =>
        Assert.That(DateParser.TryParse("09-25", null, out _), Is.False);

    [TestCase("2026-02-30")]
    [TestCase("2026-13-01")]
    [TestCase("2025年2月29日")]
    [TestCase("二〇二六年二月三十日")]
    [TestCase("02-30")]
    [TestCase("索引号：000014348/2020-35428")]
    [TestCase("电话：0591-12345678")]
    [TestCase("时间 10:20")]
    public void Rejects_impossible_dates_and_look_alikes(string text) =>
        Assert.That(DateParser.TryParse(text, Reference, out _), Is.False, text);

    [Test]
    public void Leap_day_is_accepted_in_leap_years() =>
        Assert.That(DateParser.Parse("2028-02-29"), Is.EqualTo(new DateOnly(2028, 2, 29)));

    [Test]
    public void Finds_all_dates_in_order()
    {
        var dates = DateParser.FindDates("成文日期：2026年11月18日 发布日期：2026-11-20 更新 [11-21]", new DateOnly(2026, 11, 22));
        Assert.That(dates, Is.EqualTo(new[] { new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21) }));
    }

    [Test]
    public void Year_month_day_is_not_read_again_as_month_day()
    {
        var dates = DateParser.FindDates("2026-11-20", Reference);
        Assert.That(dates, Has.Count.EqualTo(1));
    }
}
