//! The after-action report as data: headings, paragraphs, cards, charts, tables and lists made of
//! words that say how they are to be shown. The HTML and Markdown writers each render this model,
//! so the report's structure is stated once; what one format shows and the other does not is said
//! here, block by block.

use super::escape;

/// The formats the after-action report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    /// Escapes words from a file or a player.
    pub fn escape(self, text: &str) -> String {
        match self {
            Format::Html => escape::html(text),
            Format::Markdown => escape::markdown(text),
        }
    }

    /// Words from a file or a player, escaped and in bold.
    pub fn strong(self, text: &str) -> String {
        match self {
            Format::Html => format!("<b>{}</b>", escape::html(text)),
            Format::Markdown => format!("**{}**", escape::markdown(text)),
        }
    }

    /// The program's own words, marked as the timeline marks what the crisis cell could not see.
    pub fn hidden(self, own: &str) -> String {
        match self {
            Format::Html => format!("<span class=\"hidden\">{own}</span>"),
            Format::Markdown => format!("*{own}*"),
        }
    }
}

/// A message whose variables hold marked-up words: worded once the format is known.
pub type Message<'a> = Box<dyn Fn(Format) -> String + 'a>;

/// Whether what is shown only in `only_in` (or everywhere, if none) is shown in `format`.
fn shown(only_in: Option<Format>, format: Format) -> bool {
    only_in.is_none_or(|only| only == format)
}

/// A piece of words in the report.
pub enum Piece<'a> {
    /// The program's own words and numbers, shown as they are.
    Own(String),
    /// Words from a file or a player (or the program's, when shown as such): escaped.
    Given(String),
    /// Given words in bold.
    Strong(String),
    Message(Message<'a>),
    /// Shown in one format only.
    Only(Format, Box<Piece<'a>>),
}

impl<'a> Piece<'a> {
    pub fn message(message: impl Fn(Format) -> String + 'a) -> Self {
        Piece::Message(Box::new(message))
    }

    /// This piece, shown in `format` only.
    pub fn only_in(self, format: Format) -> Self {
        Piece::Only(format, Box::new(self))
    }
}

/// Words in the report, in pieces.
pub struct Text<'a>(pub Vec<Piece<'a>>);

impl<'a> Text<'a> {
    pub fn own(text: impl Into<String>) -> Self {
        Text(vec![Piece::Own(text.into())])
    }

    pub fn given(text: impl Into<String>) -> Self {
        Text(vec![Piece::Given(text.into())])
    }

    pub fn message(message: impl Fn(Format) -> String + 'a) -> Self {
        Text(vec![Piece::message(message)])
    }

    /// These words followed by a piece.
    pub fn and(mut self, piece: Piece<'a>) -> Self {
        self.0.push(piece);
        self
    }

    /// The words as `format` shows them.
    pub fn render(&self, format: Format) -> String {
        self.0.iter().map(|piece| render_piece(piece, format)).collect()
    }
}

fn render_piece(piece: &Piece, format: Format) -> String {
    match piece {
        Piece::Own(text) => text.clone(),
        Piece::Given(text) => format.escape(text),
        Piece::Strong(text) => format.strong(text),
        Piece::Message(message) => message(format),
        Piece::Only(only, piece) if *only == format => render_piece(piece, format),
        Piece::Only(..) => String::new(),
    }
}

/// How a paragraph reads: as the text, as a line about the run, or as a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Meta,
    Caveat,
}

/// How a milestone went, which the HTML report colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    OnTime,
    Late,
    Missed,
    /// Out of the total: not applicable, or not yet due.
    NotCounted,
}

/// What a column holds, which sets how its cells are aligned and styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Words,
    Number,
    /// A clock time, kept on one line.
    Time,
    /// A short name (a role), kept on one line so that a narrow column does not stack it into three.
    Name,
    /// Each row's name, as a heading.
    RowHeading,
}

pub struct Column<'a> {
    pub heading: Text<'a>,
    pub kind: ColumnKind,
    pub only_in: Option<Format>,
}

impl<'a> Column<'a> {
    pub fn new(heading: Text<'a>, kind: ColumnKind) -> Self {
        Column { heading, kind, only_in: None }
    }

    /// The column shown in one format only.
    pub fn shown_only_in(self, format: Format) -> Self {
        Column { only_in: Some(format), ..self }
    }

    pub fn shown_in(&self, format: Format) -> bool {
        shown(self.only_in, format)
    }
}

pub struct Cell<'a> {
    pub text: Text<'a>,
    pub status: Option<Status>,
}

impl<'a> From<Text<'a>> for Cell<'a> {
    fn from(text: Text<'a>) -> Self {
        Cell { text, status: None }
    }
}

/// A row: one cell per column, in the columns' order.
pub struct Row<'a> {
    pub cells: Vec<Cell<'a>>,
    /// The attack's own course, which the crisis cell did not see.
    pub hidden: bool,
}

impl<'a> Row<'a> {
    pub fn new(cells: impl IntoIterator<Item = Text<'a>>) -> Self {
        Row { cells: cells.into_iter().map(Cell::from).collect(), hidden: false }
    }
}

/// A table's closing line: a label across every column but the last, and the total in that one. Only
/// the HTML writer shows it: the Markdown report gives a total in the table's heading.
pub struct Total<'a> {
    pub label: Text<'a>,
    pub value: Text<'a>,
}

pub struct Table<'a> {
    pub columns: Vec<Column<'a>>,
    pub rows: Vec<Row<'a>>,
    pub total: Option<Total<'a>>,
}

impl<'a> Table<'a> {
    /// The columns `format` shows, each with its place in the rows.
    pub fn columns_in(&self, format: Format) -> Vec<(usize, &Column<'a>)> {
        self.columns.iter().enumerate().filter(|(_, column)| column.shown_in(format)).collect()
    }
}

/// A card of the summary: what it counts, the number, and what the number means.
pub struct Card<'a> {
    pub label: Text<'a>,
    pub value: Text<'a>,
    pub note: Text<'a>,
}

/// A chart, drawn only by a writer that shows it (none if there is nothing to draw).
pub type Chart<'a> = Box<dyn Fn() -> Result<Option<String>, String> + 'a>;

pub enum Content<'a> {
    Heading(Text<'a>),
    Paragraph(Text<'a>, Tone),
    Cards(Vec<Card<'a>>),
    Chart(Chart<'a>),
    Table(Table<'a>),
    List(Vec<Text<'a>>),
    /// What follows starts a new page when printed (a rule in Markdown).
    PageBreak,
}

/// A block of the report, and the one format it is shown in if it is not shown in both.
pub struct Block<'a> {
    pub content: Content<'a>,
    pub only_in: Option<Format>,
}

impl<'a> Block<'a> {
    pub fn shown_in(&self, format: Format) -> bool {
        shown(self.only_in, format)
    }
}

impl<'a> From<Content<'a>> for Block<'a> {
    fn from(content: Content<'a>) -> Self {
        Block { content, only_in: None }
    }
}

impl<'a> Content<'a> {
    pub fn chart(draw: impl Fn() -> Result<Option<String>, String> + 'a) -> Self {
        Content::Chart(Box::new(draw))
    }

    /// The content as a block shown in one format only.
    pub fn shown_only_in(self, format: Format) -> Block<'a> {
        Block { content: self, only_in: Some(format) }
    }
}

/// The blocks of a section, in order.
pub type Section<'a> = Vec<Block<'a>>;

/// The whole report: its language's code, its title, and its sections' blocks.
pub struct Report<'a> {
    pub language_code: &'static str,
    pub title: Text<'a>,
    pub blocks: Vec<Block<'a>>,
}
