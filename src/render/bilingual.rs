//! `diff --languages zh,en`: the Chinese and English versions of one
//! statement as text (one line per pair of turns, then the turns in one
//! version only and the framing words that differ), JSON, Markdown and HTML. Turn
//! openings are corpus text: escaped for the terminal or Markdown, and cut
//! to the terminal's width by display width (a Chinese character takes two
//! cells).

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use super::escape;
use super::{count, Painter, Style};
use crate::analysis::bilingual::{Bilingual, FramingDifference, Link, Unit, Version};

/// One JSON document: both versions with their units, the links, the framing differences.
pub fn json(out: &mut dyn Write, result: &Bilingual) -> io::Result<()> {
    super::json::document(out, result)
}

pub fn text(out: &mut dyn Write, r: &Bilingual, paint: Painter, width: usize) -> io::Result<()> {
    let heading = format!(
        "Chinese and English versions of one statement, {}",
        r.zh.date
    );
    writeln!(out, "{}", paint.paint(Style::Heading, &heading))?;
    for v in [&r.zh, &r.en] {
        let line = format!("  {}  {}  {}", v.language, v.statement, v.title);
        writeln!(out, "{}", paint.paint(Style::Path, &cut(&line, width)))?;
    }
    writeln!(out, "{}", cut(&format!("  {}", summary_line(r)), width))?;
    writeln!(out)?;
    writeln!(out, "{}", paint.paint(Style::Heading, "Turns, in order"))?;
    for link in &r.links {
        link_lines(out, r, link, &paint, width)?;
    }
    one_version_only(out, r, &paint, width)?;
    framing_text(out, r, &paint, width)
}

fn summary_line(r: &Bilingual) -> String {
    let s = &r.summary;
    format!(
        "{} in Chinese, {} in English: {}; {} in Chinese only, {} in English only; {}",
        count(r.zh.units.len(), unit_noun(&r.zh)),
        r.en.units.len(),
        count(s.pairs, "pair"),
        s.only_zh,
        s.only_en,
        count(s.framing_differences, "framing difference"),
    )
}

fn unit_noun(v: &Version) -> &'static str {
    if v.units_are == "turns" {
        "turn"
    } else {
        "paragraph"
    }
}

fn numbers(ns: &[usize]) -> String {
    ns.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn link_lines(
    out: &mut dyn Write,
    r: &Bilingual,
    link: &Link,
    paint: &Painter,
    width: usize,
) -> io::Result<()> {
    let place = match link.one_version() {
        Some("zh") => format!("zh {:<5}  (Chinese only)", numbers(&link.zh)),
        Some(_) => format!("en {:<5}  (English only)", numbers(&link.en)),
        None => format!("zh {:<5} = en {:<5}", numbers(&link.zh), numbers(&link.en)),
    };
    let first = |v: &Version, ns: &[usize]| ns.first().map(|&n| v.units[n - 1].excerpt.clone());
    let excerpts: Vec<String> = [first(&r.zh, &link.zh), first(&r.en, &link.en)]
        .into_iter()
        .flatten()
        .collect();
    let head = format!("  {place}  {:<9} ", link.role.as_str());
    let room = width.saturating_sub(head.chars().count());
    let body = cut(&excerpts.join(" | "), room);
    let style = if link.one_version().is_some() {
        Style::Warning
    } else {
        Style::Dim
    };
    writeln!(
        out,
        "{}{}",
        paint.paint(style, &head),
        paint.paint(Style::Shared, &body)
    )?;
    for (what, zh, en) in [
        ("numbers", &link.numbers_only_zh, &link.numbers_only_en),
        ("names", &link.names_only_zh, &link.names_only_en),
    ] {
        for (lang, list) in [("Chinese", zh), ("English", en)] {
            if !list.is_empty() {
                let line = format!("      {what} only in the {lang}: {}", list.join(", "));
                writeln!(out, "{}", paint.paint(Style::Dim, &cut(&line, width)))?;
            }
        }
    }
    Ok(())
}

fn one_version_only(
    out: &mut dyn Write,
    r: &Bilingual,
    paint: &Painter,
    width: usize,
) -> io::Result<()> {
    let lonely: Vec<(&Version, &Unit)> = r
        .links
        .iter()
        .flat_map(|l| match l.one_version() {
            Some("zh") => l.zh.iter().map(|&n| (&r.zh, &r.zh.units[n - 1])).collect(),
            Some(_) => l.en.iter().map(|&n| (&r.en, &r.en.units[n - 1])).collect(),
            None => Vec::new(),
        })
        .collect();
    writeln!(out)?;
    let heading = format!("In one version only: {}", lonely.len());
    writeln!(out, "{}", paint.paint(Style::Heading, &heading))?;
    for (v, u) in lonely {
        let line = format!(
            "  {} {} {}: {}",
            v.language,
            u.number,
            u.role.as_str(),
            u.excerpt
        );
        writeln!(out, "{}", paint.paint(Style::Warning, &cut(&line, width)))?;
    }
    Ok(())
}

fn framing_text(
    out: &mut dyn Write,
    r: &Bilingual,
    paint: &Painter,
    width: usize,
) -> io::Result<()> {
    writeln!(out)?;
    let heading = format!("Framing words that differ: {}", r.framing.len());
    writeln!(out, "{}", paint.paint(Style::Heading, &heading))?;
    for f in &r.framing {
        writeln!(
            out,
            "{}",
            paint.paint(Style::Hit, &cut(&framing_line(r, f), width))
        )?;
    }
    Ok(())
}

fn framing_line(r: &Bilingual, f: &FramingDifference) -> String {
    let link = &r.links[f.link];
    let (other, units) = if f.language == "zh" {
        ("en", &link.en)
    } else {
        ("zh", &link.zh)
    };
    let absent = if f.language == "zh" {
        format!("\"{}\"", f.rendering)
    } else {
        format!("a Chinese entry rendered \"{}\"", f.rendering)
    };
    format!(
        "  {} {} {}: {} ({}); {} absent from {} {}",
        f.language,
        f.unit,
        link.role.as_str(),
        f.words,
        f.category,
        absent,
        other,
        numbers(units)
    )
}

/// `s` escaped for the terminal and cut to `cells` display cells, with `…`.
fn cut(s: &str, cells: usize) -> String {
    let s = escape::terminal(s);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > cells.saturating_sub(1) {
            let rest: usize = s[out.len()..].chars().map(|c| c.width().unwrap_or(0)).sum();
            if used + rest <= cells {
                out.push_str(&s[out.len()..]);
            } else {
                out.push('…');
            }
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

pub fn md(out: &mut dyn Write, r: &Bilingual) -> io::Result<()> {
    writeln!(
        out,
        "# Chinese and English versions of one statement, {}\n",
        r.zh.date
    )?;
    for v in [&r.zh, &r.en] {
        writeln!(
            out,
            "- **{}** `{}`: {}",
            v.language,
            escape::md_cell(&v.statement),
            escape::md_cell(&v.title)
        )?;
    }
    writeln!(out, "\n{}\n", escape::md_cell(&summary_line(r)))?;
    writeln!(out, "| zh | en | role | Chinese | English | differs |")?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for link in &r.links {
        let first = |v: &Version, ns: &[usize]| {
            ns.first()
                .map_or(String::new(), |&n| escape::md_cell(&v.units[n - 1].excerpt))
        };
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            numbers(&link.zh),
            numbers(&link.en),
            link.role.as_str(),
            first(&r.zh, &link.zh),
            first(&r.en, &link.en),
            escape::md_cell(&differs(link))
        )?;
    }
    if !r.framing.is_empty() {
        writeln!(out, "\n## Framing words that differ\n")?;
        for f in &r.framing {
            writeln!(out, "- {}", escape::md_cell(framing_line(r, f).trim()))?;
        }
    }
    Ok(())
}

/// A self-contained page: the summary and one table row per link, the two
/// versions' openings side by side; every corpus string escaped.
pub fn html(out: &mut dyn Write, r: &Bilingual) -> io::Result<()> {
    let title = format!(
        "Chinese and English versions of one statement, {}",
        r.zh.date
    );
    super::page::open(
        out,
        &title,
        "body{font-family:sans-serif;margin:2em}td{vertical-align:top;padding:.3em}tr.one{background:#fee}",
    )?;
    writeln!(out, "<h1>{}</h1>", escape::html(&title))?;
    for v in [&r.zh, &r.en] {
        let link = v.url.as_deref().and_then(escape::safe_url);
        let name = escape::html(&v.title);
        match link {
            Some(href) => writeln!(out, "<p>{}: <a href=\"{href}\">{name}</a></p>", v.language)?,
            None => writeln!(out, "<p>{}: {name}</p>", v.language)?,
        }
    }
    writeln!(out, "<p>{}</p>", escape::html(&summary_line(r)))?;
    writeln!(out, "<table><tr><th>zh</th><th>en</th><th>role</th><th>Chinese</th><th>English</th><th>differs</th></tr>")?;
    for link in &r.links {
        let cell = |v: &Version, ns: &[usize]| {
            let texts: Vec<String> = ns
                .iter()
                .map(|&n| escape::html(&v.units[n - 1].excerpt))
                .collect();
            texts.join("<br>")
        };
        let class = if link.one_version().is_some() {
            " class=\"one\""
        } else {
            ""
        };
        writeln!(
            out,
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td lang=\"zh\">{}</td><td>{}</td><td>{}</td></tr>",
            numbers(&link.zh),
            numbers(&link.en),
            link.role.as_str(),
            cell(&r.zh, &link.zh),
            cell(&r.en, &link.en),
            escape::html(&differs(link))
        )?;
    }
    writeln!(out, "</table>")?;
    if !r.framing.is_empty() {
        writeln!(out, "<h2>Framing words that differ</h2><ul>")?;
        for f in &r.framing {
            writeln!(out, "<li>{}</li>", escape::html(framing_line(r, f).trim()))?;
        }
        writeln!(out, "</ul>")?;
    }
    super::page::close(out)
}

fn differs(link: &Link) -> String {
    if let Some(lang) = link.one_version() {
        return format!("only in {lang}");
    }
    let mut parts = Vec::new();
    for (what, list) in [
        ("numbers only zh", &link.numbers_only_zh),
        ("numbers only en", &link.numbers_only_en),
        ("names only zh", &link.names_only_zh),
        ("names only en", &link.names_only_en),
    ] {
        if !list.is_empty() {
            parts.push(format!("{what}: {}", list.join(", ")));
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_counts_display_cells() {
        assert_eq!(cut("中国外交部", 10), "中国外交部");
        assert_eq!(cut("中国外交部", 9), "中国外交…");
        assert_eq!(cut("abc\u{1b}", 20), "abc\\u{1b}");
        assert_eq!(cut("abcdef", 4), "abc…");
    }
}
