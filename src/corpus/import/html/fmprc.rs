//! www.fmprc.gov.cn, the Chinese Foreign Ministry's site, English
//! (`/mfa_eng/…`) and Chinese (`/web/…`) pages as the site served them
//! (2016–2020 templates). English pages hold the title in `h2.title` and the
//! text in `div.content`, and print no date but the title's ("… Regular Press
//! Conference on November 29, 2018"); Chinese pages hold `#News_Body_Title`,
//! `#News_Body_Time` (2019-07-10) and `#News_Body_Txt_A`. List pages
//! (`default_N.shtml`) have none of these and are skipped.

use scraper::Html;

use super::extract::{first, first_text, join, paragraphs};
use super::{Extracted, Page};
use crate::corpus::import::dates::parse_published;
use crate::corpus::import::turns;
use crate::corpus::Date;

pub const ISSUER: &str = "Ministry of Foreign Affairs";
pub const TZ: &str = "Asia/Shanghai";

/// Paragraphs that are page furniture, not the statement.
const FURNITURE: &[&str] = &[
    "【打印本页】",
    "【关闭窗口】",
    "打印本页",
    "关闭窗口",
    "Print",
    "Close",
    "Suggest To A Friend",
];

pub fn extract(page: &Page<'_>) -> Result<Extracted, String> {
    let doc = page.doc;
    let english = page.path.starts_with("/mfa_eng/") || page.path.starts_with("/eng/");
    let body = first(doc, "#News_Body_Txt_A")
        .or_else(|| first(doc, ".content_mod .content"))
        .or_else(|| first(doc, "div.content"))
        .ok_or_else(|| list_or_stub(doc))?;
    let title = first_text(doc, "#News_Body_Title")
        .or_else(|| first_text(doc, ".content_mod h2.title"))
        .or_else(|| first_text(doc, "title").map(|t| strip_site(&t)))
        .ok_or("the page has no title")?;
    let (paras, removed) = paragraphs(body, |p| FURNITURE.contains(&p));
    let text = join(&paras);
    if text.trim().is_empty() {
        return Err("the article body is empty".into());
    }
    let date = date(page, &title, english)?;
    let speakers = spokespeople(&title);
    let turns = turns::find(&text, &speakers);
    Ok(Extracted {
        kind: kind(&title),
        side: "CHN".to_string(),
        issuer: ISSUER.to_string(),
        language: if english { "en" } else { "zh" },
        title,
        date,
        text,
        turns,
        removed,
    })
}

/// `press-conference` for the regular press conferences (also held online
/// in February 2020), `statement` for everything else the spokesperson
/// published. Small on purpose: the kinds table routes through it.
pub fn kind(title: &str) -> &'static str {
    let conference = [
        "Regular Press Conference",
        "Daily Briefing Online",
        "例行记者会",
    ];
    if conference.iter().any(|c| title.contains(c)) {
        "press-conference"
    } else {
        "statement"
    }
}

fn list_or_stub(doc: &Html) -> String {
    let links = doc
        .select(&scraper::Selector::parse("a[href]").expect("valid"))
        .count();
    if links > 40 {
        format!("list page: no article body, {links} links")
    } else {
        "no article body (an error page or stub)".into()
    }
}

fn strip_site(title: &str) -> String {
    title
        .split(" — ")
        .next()
        .unwrap_or(title)
        .trim()
        .to_string()
}

/// The spokesperson the title names: "Spokesperson Geng Shuang's …",
/// "外交部发言人耿爽主持…".
fn spokespeople(title: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(rest) = title.split("Spokesperson ").nth(1) {
        if let Some(name) = rest
            .split("'s ")
            .next()
            .filter(|n| n.split(' ').count() <= 3)
        {
            out.push(name.to_string());
        }
    }
    if let Some(rest) = title.split("发言人").nth(1) {
        let name: String = rest
            .chars()
            .take_while(|c| !"主就答发在，".contains(*c))
            .collect();
        if (2..=4).contains(&name.chars().count()) {
            out.push(name);
        }
    }
    out
}

/// The publication date: `#News_Body_Time`, else the date in the title; an
/// English title without a year ("… on September 10") takes the year of
/// the newest conference its related-news list links to.
fn date(page: &Page<'_>, title: &str, english: bool) -> Result<Date, String> {
    let rules = &page.rules;
    if let Some(raw) = first_text(page.doc, "#News_Body_Time") {
        if let Ok(d) = parse_published(&raw, rules) {
            return Ok(d);
        }
    }
    if !english {
        if let Some(end) = title.find('日') {
            let raw: String = title[..end + '日'.len_utf8()]
                .chars()
                .filter(|c| c.is_ascii_digit() || "年月日".contains(*c))
                .collect();
            return parse_published(&raw, rules).map_err(|e| format!("no date in the page: {e}"));
        }
        return Err("no date in the page (#News_Body_Time and the title hold none)".into());
    }
    let raw = title
        .rsplit(" on ")
        .next()
        .filter(|_| title.contains(" on "))
        .ok_or_else(|| format!("no date in the page: the title `{title}` holds none"))?;
    if let Ok(d) = parse_published(raw, rules) {
        return Ok(d);
    }
    let year = related_year(page.doc, raw)
        .or_else(|| image_year(page.doc))
        .ok_or_else(|| {
            format!("no year for `{raw}` in the title, the related pages or the image names")
        })?;
    parse_published(&format!("{raw}, {year}"), rules)
        .map_err(|e| format!("no date in the page: {e}"))
}

/// The year of the latest dated title in the related-news list, one more
/// when that title's month comes after `month_day`'s (a January page
/// listing December conferences).
fn related_year(doc: &Html, month_day: &str) -> Option<i32> {
    let rules = crate::corpus::import::dates::DateRules::new("UTC", None).ok()?;
    let selector = scraper::Selector::parse("#id_RelNewsList_li a").expect("valid");
    let latest = doc
        .select(&selector)
        .filter_map(|a| {
            let t = super::extract::line_text(a);
            let raw = t.rsplit(" on ").next()?.to_string();
            parse_published(&raw, &rules).ok()
        })
        .max_by_key(|d| (d.year, d.month, d.day))?;
    let month = parse_published(&format!("{month_day}, 2000"), &rules)
        .ok()?
        .month;
    let year = i32::from(latest.year);
    Some(if month < latest.month { year + 1 } else { year })
}

/// The year in the site's image names (`W020180910…jpg`, uploaded on the day).
fn image_year(doc: &Html) -> Option<i32> {
    let selector = scraper::Selector::parse(".content img[src]").expect("valid");
    doc.select(&selector).find_map(|img| {
        let src = img.attr("src")?;
        let at = src.find("W0")?;
        src.get(at + 2..at + 6)?
            .parse::<i32>()
            .ok()
            .filter(|y| (1990..2100).contains(y))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_spokespeople() {
        assert_eq!(kind("Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on November 29, 2018"), "press-conference");
        assert_eq!(
            kind("2020年2月10日外交部发言人华春莹主持网上例行记者会"),
            "press-conference"
        );
        assert_eq!(
            kind("外交部发言人陆慷就朝韩领导人会晤发表谈话"),
            "statement"
        );
        assert_eq!(spokespeople("Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on May 2, 2019"), vec!["Geng Shuang"]);
        assert_eq!(
            spokespeople("2019年7月10日外交部发言人耿爽主持例行记者会"),
            vec!["耿爽"]
        );
        assert_eq!(
            spokespeople("外交部发言人陆慷就美方公布对华贸易措施答记者问"),
            vec!["陆慷"]
        );
    }
}
