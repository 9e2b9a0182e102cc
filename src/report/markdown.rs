//! The Markdown writer: renders the after-action report's model as plain Markdown, one block after
//! another with a blank line between them.

use super::model::{ColumnKind, Content, Format, Report, Table};

/// The report as Markdown. It has no pictures and no cards: those blocks are the HTML report's, and
/// their numbers are in the Markdown report's tables and lists.
pub fn render(report: &Report) -> String {
    let mut blocks = vec![format!("# {}\n", report.title.render(Format::Markdown))];
    for block in report.blocks.iter().filter(|block| block.shown_in(Format::Markdown)) {
        match &block.content {
            Content::Heading(text) => blocks.push(format!("## {}\n", text.render(Format::Markdown))),
            Content::Paragraph(text, _) => blocks.push(format!("{}\n", text.render(Format::Markdown))),
            Content::Table(table) => blocks.push(table_markdown(table)),
            Content::List(items) => blocks.push(items.iter().map(|item| format!("- {}\n", item.render(Format::Markdown))).collect()),
            Content::PageBreak => blocks.push("---\n".to_string()),
            Content::Cards(_) | Content::Chart(_) => {}
        }
    }
    blocks.join("\n")
}

/// A table with its header, numbers aligned right; without the total, which Markdown reports give in
/// a heading.
fn table_markdown(table: &Table) -> String {
    let columns = table.columns_in(Format::Markdown);
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = line(columns.iter().map(|(_, column)| column.heading.render(Format::Markdown)).collect());
    out += "|";
    for (_, column) in &columns {
        out += if column.kind == ColumnKind::Number { "---:|" } else { "---|" };
    }
    out += "\n";
    for row in &table.rows {
        out += &line(columns.iter().filter_map(|(i, _)| row.cells.get(*i)).map(|cell| cell.text.render(Format::Markdown)).collect());
    }
    out
}
