//! Reading the tables planners and IT teams export: CSV in any spreadsheet's dialect, or the first
//! sheet of a workbook, as rows of cells that know where they stand in the spreadsheet.

use std::path::Path;

use crate::data::load::{self, Problems};

/// A table read from a file: its rows of cells as text, where it came from, and where it starts.
pub struct Table {
    pub file: String,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// The spreadsheet row number of the first row (1-based), and the first column (0-based).
    pub first_row: usize,
    pub first_column: usize,
    pub rows: Vec<Vec<Cell>>,
}

/// A cell as read: text, a number, or a spreadsheet date-time (days since 1899-12-30).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    DateTime(f64),
    Empty,
}

impl Cell {
    /// The cell as trimmed text.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => format!("{n}"),
            Cell::DateTime(d) => format!("{d}"),
            Cell::Empty => String::new(),
        }
    }
}

/// A column letter, as spreadsheets name them (0 is A, 26 is AA).
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl Table {
    /// Where a cell is, as a person finds it in the spreadsheet.
    pub fn place(&self, row: usize, column: usize, header: &str) -> String {
        let sheet = self.sheet.as_ref().map_or(String::new(), |s| format!("sheet \"{s}\", "));
        format!("{sheet}row {}, column {} ({header})", self.first_row + row, column_letter(self.first_column + column))
    }

    /// The first row that holds anything, if one does.
    pub fn first_filled_row(&self) -> Option<usize> {
        self.rows.iter().position(|row| !is_blank(row))
    }

    /// The headings a row gives, for a message saying what was found instead of what was expected.
    pub fn headings_in(&self, row: usize) -> Vec<String> {
        self.rows.get(row).map(|r| r.iter().map(Cell::text).filter(|h| !h.is_empty()).collect()).unwrap_or_default()
    }
}

/// A row with nothing in it, which imports pass over.
pub fn is_blank(row: &[Cell]) -> bool {
    row.iter().all(|c| *c == Cell::Empty)
}

/// Reads a CSV file (comma, semicolon or tab, as spreadsheets in any language write them) or the first
/// non-empty sheet of an XLSX workbook.
pub fn read_table(path: &Path) -> Result<Table, Problems> {
    let file = path.display().to_string();
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let table = match extension.as_str() {
        "csv" | "txt" | "tsv" => {
            let text = load::read_text(path)?;
            read_csv(&file, &text)?
        }
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path, &file)?,
        _ => return Err(Problems::one(&file, "expected a .csv or .xlsx file")),
    };
    refuse_long_cells(&table)?;
    Ok(table)
}

/// The longest text a cell may hold: an inject's message is a few hundred characters, and a name
/// copied into a scenario must not make it larger than any scenario may be.
const MAX_CELL_CHARS: usize = 10_000;

/// Refuses a table with a cell longer than `MAX_CELL_CHARS`, naming the first.
fn refuse_long_cells(table: &Table) -> Result<(), Problems> {
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Cell::Text(text) = cell
                && text.chars().count() > MAX_CELL_CHARS
            {
                let place = table.place(r, c, "cell");
                return Err(Problems::one(&table.file, format!("{place}: more than {MAX_CELL_CHARS} characters in one cell")));
            }
        }
    }
    Ok(())
}

/// The line on which a quoted cell opens that nothing closes, if one does: a CSV reader would take
/// every row after it into that cell. A quote opens a cell only at its start, as CSV readers read it;
/// inside a quoted cell a doubled quote is a quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut line, mut opened_on, mut at_start, mut i) = (1, None, true, 0);
    while i < bytes.len() {
        let b = bytes[i];
        match (opened_on, b) {
            (Some(_), b'"') if bytes.get(i + 1) == Some(&b'"') => i += 1,
            (Some(_), b'"') => opened_on = None,
            (None, b'"') if at_start => opened_on = Some(line),
            _ => {}
        }
        if b == b'\n' {
            line += 1;
        }
        at_start = opened_on.is_none() && (b == delimiter || b == b'\n' || (b == b'\r' && at_start));
        i += 1;
    }
    opened_on
}

/// Reads CSV text.
pub fn read_csv(file: &str, text: &str) -> Result<Table, Problems> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = unclosed_quote(text, delimiter_of(text)) {
        return Err(Problems::one(
            file,
            format!("line {line}: a quote opens a cell that is never closed, which would swallow every row after it"),
        ));
    }
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter_of(text)).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Problems::one(file, format!("row {}: not readable as CSV: {e}", i + 1)))?;
        rows.push(record.iter().map(|c| if c.trim().is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect());
    }
    Ok(Table { file: file.to_string(), sheet: None, first_row: 1, first_column: 0, rows })
}

/// The delimiter a spreadsheet used: the most frequent of `;`, tab and `,` outside quotes, over the
/// first lines that hold anything.
fn delimiter_of(text: &str) -> u8 {
    let sample: Vec<u8> = text.lines().filter(|l| !l.trim().is_empty()).take(5).collect::<Vec<_>>().join("\n").into_bytes();
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for b in sample {
        match b {
            b'"' => quoted = !quoted,
            b';' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    [b';', b'\t', b','].into_iter().zip(counts).max_by_key(|(_, n)| *n).map_or(b',', |(d, _)| d)
}

/// A workbook whose parts unpack to more than this is refused before it is opened.
const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The most cells the table of a sheet may span (from its first filled cell to its last), empty ones
/// included: an inventory of 100,000 hosts in 20 columns is 2,000,000.
const MAX_TABLE_CELLS: u64 = 8_000_000;

fn read_workbook(path: &Path, file: &str) -> Result<Table, Problems> {
    use calamine::{Reader, Sheets, open_workbook_auto};
    check_workbook_size(path, file)?;
    let mut workbook = open_workbook_auto(path).map_err(|e| Problems::one(file, format!("not readable as a workbook: {e}")))?;
    for sheet in workbook.sheet_names() {
        // An XLSX sheet is read cell by cell, so that a stray cell at XFD1048576 costs nothing until
        // the table's size is known; the older formats come as one range.
        let table = match &mut workbook {
            Sheets::Xlsx(xlsx) => sparse_sheet(xlsx, &sheet, file)?,
            other => {
                let range =
                    other.worksheet_range(&sheet).map_err(|e| Problems::one(file, format!("sheet \"{sheet}\" is not readable: {e}")))?;
                range.start().map(|(row, column)| (row, column, range.rows().map(|cells| cells.iter().map(cell_of).collect()).collect()))
            }
        };
        if let Some((row, column, rows)) = table {
            return Ok(Table {
                file: file.to_string(),
                sheet: Some(sheet),
                first_row: row as usize + 1,
                first_column: column as usize,
                rows,
            });
        }
    }
    Err(Problems::one(file, "every sheet of the workbook is empty"))
}

/// Refuses a workbook larger than any file the imports read, or, for the zipped formats, one whose
/// parts would unpack to more than `MAX_UNPACKED_BYTES`.
fn check_workbook_size(path: &Path, file: &str) -> Result<(), Problems> {
    let metadata = std::fs::metadata(path).map_err(|e| Problems::one(file, format!("cannot read it: {e}")))?;
    if !metadata.is_file() {
        return Err(Problems::one(file, "is not a regular file"));
    }
    if metadata.len() > load::MAX_FILE_BYTES {
        return Err(Problems::one(
            file,
            format!("is {} bytes; workbooks of more than {} bytes are refused", metadata.len(), load::MAX_FILE_BYTES),
        ));
    }
    let Ok(mut archive) = std::fs::File::open(path).map_err(|_| ()).and_then(|f| zip::ZipArchive::new(f).map_err(|_| ())) else {
        // Not a zip (an .xls): the workbook reader says what it makes of it.
        return Ok(());
    };
    // The central directory's sizes; entries written with a data descriptor are counted one by one.
    let unpacked = match archive.decompressed_size() {
        Some(total) => total,
        None => {
            (0..archive.len()).map(|i| archive.by_index_raw(i).map_or(u128::MAX, |f| u128::from(f.size()))).fold(0, u128::saturating_add)
        }
    };
    if unpacked > u128::from(MAX_UNPACKED_BYTES) {
        return Err(Problems::one(file, format!("its parts unpack to more than {MAX_UNPACKED_BYTES} bytes; such a workbook is refused")));
    }
    Ok(())
}

/// A sheet's table: its first row and column (0-based) and its rows of cells from there.
type SheetCells = (u32, u32, Vec<Vec<Cell>>);

/// A sheet's filled cells: its first row and column (0-based) and its rows from there, or `None` for
/// an empty sheet; refused if the table they span is larger than `MAX_TABLE_CELLS`.
fn sparse_sheet<R: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<R>,
    sheet: &str,
    file: &str,
) -> Result<Option<SheetCells>, Problems> {
    let unreadable = |e: calamine::XlsxError| Problems::one(file, format!("sheet \"{sheet}\" is not readable: {e}"));
    let mut reader = xlsx.worksheet_cells_reader(sheet).map_err(unreadable)?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let value = cell_of_ref(cell.get_value());
        if value != Cell::Empty {
            cells.push((cell.get_position(), value));
        }
    }
    let Some(top) = cells.iter().map(|((r, _), _)| *r).min() else { return Ok(None) };
    let bottom = cells.iter().map(|((r, _), _)| *r).max().unwrap_or(top);
    let left = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
    let right = cells.iter().map(|((_, c), _)| *c).max().unwrap_or(left);
    let (height, width) = (u64::from(bottom - top) + 1, u64::from(right - left) + 1);
    if height.saturating_mul(width) > MAX_TABLE_CELLS {
        let span = format!("{}{}:{}{}", column_letter(left as usize), top + 1, column_letter(right as usize), bottom + 1);
        return Err(Problems::one(
            file,
            format!(
                "sheet \"{sheet}\": its cells span {span}, more than the {MAX_TABLE_CELLS} cells an import reads; delete the stray cells"
            ),
        ));
    }
    let mut rows = vec![vec![Cell::Empty; width as usize]; height as usize];
    for ((r, c), value) in cells {
        rows[(r - top) as usize][(c - left) as usize] = value;
    }
    Ok(Some((top, left, rows)))
}

/// A cell as the streaming reader gives it, read as `cell_of` reads a range's.
fn cell_of_ref(cell: &calamine::DataRef) -> Cell {
    use calamine::{Data, DataRef};
    let owned = match cell {
        DataRef::SharedString(s) => Data::String((*s).to_string()),
        DataRef::String(s) => Data::String(s.clone()),
        DataRef::Int(i) => Data::Int(*i),
        DataRef::Float(f) => Data::Float(*f),
        DataRef::Bool(b) => Data::Bool(*b),
        DataRef::DateTime(d) => Data::DateTime(*d),
        DataRef::DateTimeIso(s) => Data::DateTimeIso(s.clone()),
        DataRef::DurationIso(s) => Data::DurationIso(s.clone()),
        DataRef::Error(e) => Data::Error(e.clone()),
        DataRef::Empty => Data::Empty,
    };
    cell_of(&owned)
}

/// A workbook's cell as the imports read it: a duration in minutes, a date-time in days.
fn cell_of(cell: &calamine::Data) -> Cell {
    use calamine::Data;
    match cell {
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::DateTime(d) if d.is_duration() => Cell::Number(d.as_f64() * 24.0 * 60.0),
        Data::DateTime(d) => Cell::DateTime(d.as_f64()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
        Data::Empty => Cell::Empty,
    }
}

/// A heading or a cell reduced for comparison: lower case, no accents, punctuation as single spaces.
pub fn simplify(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'à' | 'â' => 'a',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'û' | 'ù' => 'u',
            'ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_never_closed_is_refused_with_its_line() {
        let error = read_csv("x.csv", "time,text\n+0:10,\"a note\n+0:20,lost\n").err().map(|p| p.to_string()).unwrap_or_default();
        assert!(error.contains("line 2") && error.contains("never closed"), "{error}");
        // Control: quotes closed, doubled quotes inside, a line break inside a quoted cell, and a quote
        // inside a cell that is not quoted (a 5" screen) all read.
        let table =
            read_csv("x.csv", "time,text\n+0:10,\"a \"\"quoted\"\"\nnote\"\n+0:20,the 5\" screen\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.rows.len(), 3);
    }

    #[test]
    fn the_delimiter_is_found_outside_quotes() {
        let table = read_csv("x.csv", "Heure;\"Texte, canal\"\n+1:00;\"a, b\"\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.rows[1], vec![Cell::Text("+1:00".to_string()), Cell::Text("a, b".to_string())]);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
    }
}
