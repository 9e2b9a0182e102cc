//! The HTML writer: renders the after-action report's model as one self-contained, printable page,
//! and gives the batch and sweep reports the same page and stylesheet.

use std::fmt::Write as _;

use super::model::{Card, ColumnKind, Content, Format, Report, Status, Table, Tone};

pub const STYLE: &str = r#"
body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 960px; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #0072b2; padding-bottom: 0.2em; margin-top: 1.8em; }
.meta { color: #444; } .caveat { background: #fff7e0; border-left: 4px solid #e69f00; padding: 0.6em 1em; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
th { background: #eef4fa; } td.time, td.name { white-space: nowrap; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #006b4f; font-weight: 600; } .late { color: #8a5a00; font-weight: 600; } .missed { color: #b03a00; font-weight: 600; }
.ok::before { content: "✔ "; } .late::before { content: "◷ "; } .missed::before { content: "✖ "; }
.not-counted { color: #555; } .not-counted::before { content: "– "; }
.cards { display: flex; flex-wrap: wrap; gap: 0.8em; } .card { border: 1px solid #ccc; border-radius: 6px; padding: 0.6em 1em; min-width: 150px; }
.card b { display: block; font-size: 1.6em; } .hidden { color: #666; font-style: italic; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
h3 { margin-bottom: 0.2em; } table.compact { font-size: 0.84em; } table.compact td, table.compact th { padding: 0.25em 0.4em; }
@page { size: A4; margin: 10mm 11mm; }
@media print { .new-page { page-break-before: always; } body { margin: 0; max-width: none; font-size: 9.5pt; line-height: 1.25; } h1 { font-size: 1.45em; margin-top: 0; } h2 { page-break-after: avoid; margin-top: 0.9em; font-size: 1.2em; } table { font-size: 8pt; margin: 0.4em 0; line-height: 1.15; } th, td { padding: 0.15em 0.3em; } tr, figure, .cards { page-break-inside: avoid; } .cards { flex-wrap: nowrap; gap: 0.5em; } .card { padding: 0.25em 0.6em; min-width: 0; flex: 1; font-size: 0.9em; } .card b { font-size: 1.25em; } a { color: inherit; text-decoration: none; } }
"#;

/// A whole page: `title` is already escaped.
pub fn page(language_code: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language_code}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body><h1>{title}</h1>{body}</body></html>\n"
    )
}

/// The report as HTML; the charts are drawn here.
pub fn render(report: &Report) -> Result<String, String> {
    let mut body = String::new();
    for block in report.blocks.iter().filter(|block| block.shown_in(Format::Html)) {
        match &block.content {
            Content::Heading(text) => {
                let _ = write!(body, "<h2>{}</h2>", text.render(Format::Html));
            }
            Content::Paragraph(text, tone) => {
                let class = match tone {
                    Tone::Plain => "",
                    Tone::Meta => " class=\"meta\"",
                    Tone::Caveat => " class=\"caveat\"",
                };
                let _ = write!(body, "<p{class}>{}</p>", text.render(Format::Html));
            }
            Content::Cards(cards) => cards_html(&mut body, cards),
            Content::Chart(chart) => {
                if let Some(svg) = chart()? {
                    let _ = write!(body, "<figure>{svg}</figure>");
                }
            }
            Content::Table(table) => table_html(&mut body, table),
            Content::PageBreak => body += "<div class=\"new-page\"></div>",
            Content::List(items) => {
                body += "<ul>";
                for item in items {
                    let _ = write!(body, "<li>{}</li>", item.render(Format::Html));
                }
                body += "</ul>";
            }
        }
    }
    Ok(page(report.language_code, &report.title.render(Format::Html), &body))
}

fn cards_html(out: &mut String, cards: &[Card]) {
    *out += "<div class=\"cards\">";
    for card in cards {
        let [label, value, note] = [&card.label, &card.value, &card.note].map(|text| text.render(Format::Html));
        let _ = write!(out, "<div class=\"card\">{label}<b>{value}</b>{note}</div>");
    }
    *out += "</div>";
}

fn table_html(out: &mut String, table: &Table) {
    let columns = table.columns_in(Format::Html);
    *out += "<table><tr>";
    for (_, column) in &columns {
        let _ = write!(out, "<th>{}</th>", column.heading.render(Format::Html));
    }
    *out += "</tr>";
    for row in &table.rows {
        *out += if row.hidden { "<tr class=\"hidden\">" } else { "<tr>" };
        for (i, column) in &columns {
            let Some(cell) = row.cells.get(*i) else { continue };
            let class = cell.status.map(status_class).or(match column.kind {
                ColumnKind::Number => Some("num"),
                ColumnKind::Time => Some("time"),
                ColumnKind::Name => Some("name"),
                ColumnKind::Words | ColumnKind::RowHeading => None,
            });
            let class = class.map_or(String::new(), |class| format!(" class=\"{class}\""));
            let tag = if column.kind == ColumnKind::RowHeading { "th" } else { "td" };
            let _ = write!(out, "<{tag}{class}>{}</{tag}>", cell.text.render(Format::Html));
        }
        *out += "</tr>";
    }
    if let Some(total) = &table.total {
        let _ = write!(
            out,
            "<tr><th colspan=\"{}\">{}</th><th class=\"num\">{}</th></tr>",
            columns.len().saturating_sub(1),
            total.label.render(Format::Html),
            total.value.render(Format::Html)
        );
    }
    *out += "</table>";
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::OnTime => "ok",
        Status::Late => "late",
        Status::Missed => "missed",
        Status::NotCounted => "not-counted",
    }
}
