//! The report's annex on the seats: what the roles wrote to each other and to the cell, and what a
//! seat asked for that its role may not do. Shown only for an exercise played from seats.

use super::ReportInput;
use super::model::{Column, ColumnKind, Content, Row, Section, Table, Text};
use crate::i18n::Language;

/// A message between seats as the report prints it, names resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatLine {
    /// Local time, as the report writes times.
    pub at: String,
    pub from: String,
    pub to: String,
    pub text: String,
}

/// The messages, then the refusals, each a table; nothing when no seat wrote or was refused.
pub fn seat_messages<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let Some(exercise) = input.exercise else { return Vec::new() };
    let mut section = Vec::new();
    let own = |key: &'static str| Text::own(language.tr(key));
    if !exercise.messages.is_empty() {
        let columns = vec![
            Column::new(own("column-time"), ColumnKind::Words),
            Column::new(own("column-from-to"), ColumnKind::Words),
            Column::new(own("column-message"), ColumnKind::Words),
        ];
        let rows = exercise
            .messages
            .iter()
            .map(|m| Row::new([Text::given(&m.at), Text::given(format!("{} → {}", m.from, m.to)), Text::given(&m.text)]))
            .collect();
        section.push(Content::Heading(own("seat-messages-heading")).into());
        section.push(Content::Table(Table { columns, rows, total: None }).into());
    }
    if !exercise.refused.is_empty() {
        let columns = vec![
            Column::new(own("column-time"), ColumnKind::Words),
            Column::new(own("column-role"), ColumnKind::Words),
            Column::new(own("column-refused"), ColumnKind::Words),
        ];
        let rows = exercise.refused.iter().map(|r| Row::new([Text::given(&r.at), Text::given(&r.from), Text::given(&r.text)])).collect();
        section.push(Content::Heading(own("seat-refusals-heading")).into());
        section.push(Content::Table(Table { columns, rows, total: None }).into());
    }
    section
}
