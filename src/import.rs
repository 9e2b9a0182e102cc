//! Importing what trainers already keep in spreadsheets: the master scenario events list (injects) from
//! CSV or XLSX, written into a scenario file without touching the rest of it (its comments, its
//! `ASSUMPTION` marks). Every bad row is reported at once, with its sheet, row and column.

use std::path::Path;

use crate::data::load::{self, Problem, Problems};
use crate::data::locate::{FieldPath, NodeKind, Outline};
use crate::data::playbook::When;
use crate::data::scenario::{Inject, InjectTrigger, Scenario};

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
}

/// Reads a CSV file (comma, semicolon or tab, as spreadsheets in any language write them) or the first
/// non-empty sheet of an XLSX workbook.
pub fn read_table(path: &Path) -> Result<Table, Problems> {
    let file = path.display().to_string();
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "csv" | "txt" | "tsv" => {
            let text = load::read_text(path)?;
            read_csv(&file, &text)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path, &file),
        _ => Err(Problems::one(&file, "expected a .csv or .xlsx file")),
    }
}

/// Reads CSV text.
pub fn read_csv(file: &str, text: &str) -> Result<Table, Problems> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The delimiter a spreadsheet used: the most frequent of `;`, tab and `,` outside quotes, over the
    // first lines that hold anything.
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
    let delimiter = [b';', b'\t', b','].into_iter().zip(counts).max_by_key(|(_, n)| *n).map_or(b',', |(d, _)| d);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Problems::one(file, format!("row {}: not readable as CSV: {e}", i + 1)))?;
        rows.push(record.iter().map(|c| if c.trim().is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect());
    }
    Ok(Table { file: file.to_string(), sheet: None, first_row: 1, first_column: 0, rows })
}

fn read_workbook(path: &Path, file: &str) -> Result<Table, Problems> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut workbook = open_workbook_auto(path).map_err(|e| Problems::one(file, format!("not readable as a workbook: {e}")))?;
    for sheet in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet).map_err(|e| Problems::one(file, format!("sheet \"{sheet}\" is not readable: {e}")))?;
        let Some((row, column)) = range.start() else {
            continue;
        };
        let rows: Vec<Vec<Cell>> = range
            .rows()
            .map(|cells| {
                cells
                    .iter()
                    .map(|cell| match cell {
                        Data::String(s) if s.trim().is_empty() => Cell::Empty,
                        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
                        Data::Int(i) => Cell::Number(*i as f64),
                        Data::Float(f) => Cell::Number(*f),
                        Data::DateTime(d) if d.is_duration() => Cell::Number(d.as_f64() * 24.0 * 60.0),
                        Data::DateTime(d) => Cell::DateTime(d.as_f64()),
                        Data::Bool(b) => Cell::Text(b.to_string()),
                        Data::Error(e) => Cell::Text(format!("#{e:?}")),
                        Data::Empty => Cell::Empty,
                    })
                    .collect()
            })
            .collect();
        return Ok(Table { file: file.to_string(), sheet: Some(sheet), first_row: row as usize + 1, first_column: column as usize, rows });
    }
    Err(Problems::one(file, "every sheet of the workbook is empty"))
}

/// The columns of an inject list, and the headings each may go by (English and French, as planners
/// write them; compared without case, accents or punctuation).
const COLUMNS: [(&str, &[&str]); 7] = [
    ("id", &["id", "ref", "reference", "inject", "inject id", "n", "no", "numero"]),
    ("time", &["time", "when", "offset", "time offset", "at", "heure", "moment", "delai", "horaire", "t"]),
    ("channel", &["channel", "canal", "via", "medium", "support"]),
    ("audience", &["audience", "to", "recipient", "recipients", "destinataire", "destinataires", "pour"]),
    ("text", &["text", "message", "inject text", "texte", "contenu", "description"]),
    ("expected", &["expected", "expected response", "expected action", "reponse attendue", "action attendue", "attendu"]),
    ("milestone", &["milestone", "plan milestone", "jalon", "jalon du plan"]),
];

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

/// Reads a time: an offset from the start (`+90`, `90`, `+1h30`, `T+01:30`, `H+2:00`, `45 min`), a
/// local date and time (`2022-05-14T04:00`, `2022-05-14 04:00`), or a time of day (`04:00`), which is on
/// the scenario's first day, or the next if it comes before the start.
pub fn parse_time(cell: &Cell, scenario: &Scenario) -> Result<When, String> {
    let start: Option<jiff::civil::DateTime> = scenario.meta.start.parse().ok();
    let time_of_day = |hours: i64, minutes: i64| -> Result<When, String> {
        let start = start.ok_or("the scenario's start is not a date and time")?;
        // 23:59:30 rounds to 24:00, which is midnight.
        let total = (hours * 60 + minutes).rem_euclid(24 * 60);
        let time = jiff::civil::Time::new((total / 60) as i8, (total % 60) as i8, 0, 0).map_err(|e| e.to_string())?;
        let mut at = start.date().to_datetime(time);
        if at < start {
            at = at.checked_add(jiff::Span::new().days(1)).map_err(|e| e.to_string())?;
        }
        Ok(When::Clock(at.strftime("%Y-%m-%dT%H:%M").to_string()))
    };
    match cell {
        Cell::Empty => Err("a time is needed".to_string()),
        Cell::Number(minutes) if minutes.is_finite() && *minutes >= 0.0 && *minutes <= f64::from(scenario.meta.duration_hours) * 60.0 => {
            Ok(When::Elapsed(minutes.round() as u32))
        }
        Cell::Number(n) => Err(format!("{n} is not a number of minutes within the scenario ({} h)", scenario.meta.duration_hours)),
        Cell::DateTime(days) if *days >= 0.0 && *days < 1.0 => {
            let minutes = (days * 24.0 * 60.0).round() as i64;
            time_of_day(minutes / 60, minutes % 60)
        }
        Cell::DateTime(days) if days.is_finite() && *days < 1e6 => {
            let base = jiff::civil::date(1899, 12, 30).at(0, 0, 0, 0);
            let minutes = (days * 24.0 * 60.0).round() as i64;
            let at = base.checked_add(jiff::Span::new().minutes(minutes)).map_err(|e| e.to_string())?;
            Ok(When::Clock(at.strftime("%Y-%m-%dT%H:%M").to_string()))
        }
        Cell::DateTime(d) => Err(format!("{d} is not a date")),
        Cell::Text(text) => {
            let t = text.trim();
            if let Ok(at) = t.replace(' ', "T").parse::<jiff::civil::DateTime>() {
                return Ok(When::Clock(at.strftime("%Y-%m-%dT%H:%M").to_string()));
            }
            let lower = t.to_lowercase();
            let (offset, rest) = match lower.strip_prefix("t+").or_else(|| lower.strip_prefix("h+")).or_else(|| lower.strip_prefix('+')) {
                Some(rest) => (true, rest.trim().to_string()),
                None => (false, lower.clone()),
            };
            if let Some((h, rest_of)) = rest.split_once(':') {
                // HH:MM, or HH:MM:SS with the seconds dropped; nothing else after the minutes.
                let minutes_text = rest_of.split(':').next().unwrap_or("").trim();
                let seconds_ok = rest_of.split(':').skip(1).all(|x| x.len() == 2 && x.chars().all(|c| c.is_ascii_digit()));
                let short = minutes_text.len() <= 2 && seconds_ok;
                let parts = (h.trim().parse::<i64>(), minutes_text.parse::<i64>());
                return match parts {
                    (Ok(h), Ok(m))
                        if short && (0..60).contains(&m) && (0..=i64::from(scenario.meta.duration_hours)).contains(&h) && offset =>
                    {
                        Ok(When::Elapsed((h * 60 + m) as u32))
                    }
                    (Ok(_), Ok(_)) if offset => Err(format!("\"{t}\" is past the scenario's end ({} h)", scenario.meta.duration_hours)),
                    (Ok(h), Ok(m)) if short && (0..60).contains(&m) && (0..24).contains(&h) => time_of_day(h, m),
                    _ => Err(format!("\"{t}\" is not a time (write +1:30, 04:00 or 2022-05-14T04:00)")),
                };
            }
            let mut compact = rest.replace(' ', "").replace("min", "m");
            // `1h30` means `1h30m`.
            if compact.contains('h') && compact.ends_with(|c: char| c.is_ascii_digit()) {
                compact.push('m');
            }
            let minutes = match compact.parse::<u64>() {
                Ok(minutes) => Ok(minutes),
                Err(_) => crate::run::parse_duration(&compact).map(u64::from),
            };
            match minutes {
                Ok(minutes) if minutes <= u64::from(scenario.meta.duration_hours) * 60 => Ok(When::Elapsed(minutes as u32)),
                Ok(minutes) => Err(format!(
                    "\"{t}\" is {minutes} minutes after the start, past the scenario's end ({} h)",
                    scenario.meta.duration_hours
                )),
                Err(_) => Err(format!("\"{t}\" is not a time (write +90, +1h30, T+01:30, 04:00 or 2022-05-14T04:00)")),
            }
        }
    }
}

/// The injects a table lists; every bad row and cell is reported, all at once.
pub fn injects_from_table(table: &Table, scenario: &Scenario, milestones: &[String]) -> Result<Vec<Inject>, Problems> {
    let mut problems = Vec::new();
    let mut say = |message: String| problems.push(Problem { file: table.file.clone(), position: None, field: String::new(), message });
    let Some(first_row) = table.rows.iter().position(|r| r.iter().any(|c| *c != Cell::Empty)) else {
        return Err(Problems::one(&table.file, "no rows: expected a heading row, then one inject per row"));
    };
    let heading_of = |cell: &Cell, name: &str| {
        let names = COLUMNS.iter().find(|(n, _)| *n == name).map(|(_, names)| *names).unwrap_or(&[]);
        names.contains(&simplify(&cell.text()).as_str())
    };
    // Planners often put a title above the headings: the headings are the first row naming a time and
    // a text column, among the first few.
    let header_row = table
        .rows
        .iter()
        .enumerate()
        .take(20)
        .find(|(_, row)| row.iter().any(|c| heading_of(c, "time")) && row.iter().any(|c| heading_of(c, "text")))
        .map_or(first_row, |(i, _)| i);
    let headings: Vec<Cell> = table.rows[header_row].clone();
    let column = |name: &str| headings.iter().position(|h| heading_of(h, name));
    let (time, text) = (column("time"), column("text"));
    if time.is_none() || text.is_none() {
        let found: Vec<String> = table.rows[header_row].iter().map(Cell::text).filter(|h| !h.is_empty()).collect();
        say(format!(
            "{}: expected headings with at least a time and a text column (time, channel, audience, text, expected, milestone; \
             in French: heure, canal, destinataire, texte, réponse attendue, jalon); found: {}",
            table.place(header_row, 0, "headings"),
            found.join(", ")
        ));
        return Err(Problems(problems));
    }
    let get = |row: &[Cell], name: &str| column(name).and_then(|c| row.get(c)).cloned().unwrap_or(Cell::Empty);
    let mut injects: Vec<Inject> = Vec::new();
    let mut rows_given = 0;
    for (r, row) in table.rows.iter().enumerate().skip(header_row + 1) {
        if row.iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        rows_given += 1;
        let text_cell = get(row, "text").text();
        if text_cell.is_empty() {
            say(format!("{}: the inject's text is empty", table.place(r, text.unwrap_or(0), "text")));
        }
        let when = match parse_time(&get(row, "time"), scenario) {
            Ok(when) => Some(when),
            Err(why) => {
                say(format!("{}: {why}", table.place(r, time.unwrap_or(0), "time")));
                None
            }
        };
        let id = match get(row, "id").text() {
            id if id.is_empty() => format!("inject-{}", injects.len() + 1),
            id => id,
        };
        if injects.iter().any(|i| i.id == id) {
            say(format!("{}: the id \"{id}\" is given twice", table.place(r, column("id").unwrap_or(0), "id")));
        }
        let milestone = match get(row, "milestone").text() {
            m if m.is_empty() => None,
            m if milestones.is_empty() || milestones.contains(&m) => Some(m),
            m => {
                say(format!(
                    "{}: \"{m}\" is not a milestone of the scenario's plan ({})",
                    table.place(r, column("milestone").unwrap_or(0), "milestone"),
                    milestones.join(", ")
                ));
                None
            }
        };
        if let Some(when) = when {
            injects.push(Inject {
                id,
                trigger: InjectTrigger::At(when),
                channel: get(row, "channel").text(),
                audience: get(row, "audience").text(),
                text: text_cell,
                expected: get(row, "expected").text(),
                milestone,
            });
        }
    }
    if rows_given == 0 {
        say(format!("{}: no injects below the headings", table.place(header_row, 0, "headings")));
    }
    if problems.is_empty() { Ok(injects) } else { Err(Problems(problems)) }
}

/// A value written as RON on one line.
pub fn ron_line<T: serde::Serialize>(value: &T) -> Result<String, String> {
    ron::ser::to_string(value).map_err(|e| format!("cannot write a value of the scenario: {e}"))
}

/// A list written as RON for a section of a scenario: one item a line, under comment lines.
pub fn ron_list<T: serde::Serialize>(comment: &[String], items: &[T]) -> Result<String, String> {
    let mut out = String::from("[\n");
    for line in comment {
        out += &format!("        // {line}\n");
    }
    for item in items {
        out += &format!("        {},\n", ron_line(item)?);
    }
    out += "    ]";
    Ok(out)
}

/// The scenario text with a section it lacks added before its closing parenthesis.
pub fn add_section(text: &str, name: &str, value: &str) -> Result<String, String> {
    let end = text.rfind(')').ok_or("the scenario text has no closing parenthesis")?;
    let before = text[..end].trim_end();
    let comma = if before.ends_with(',') || before.ends_with('(') { "" } else { "," };
    Ok(format!("{before}{comma}\n    {name}: {value},\n{}", &text[end..]))
}

/// The scenario text with its `injects` replaced by these; every other byte is kept as it was.
pub fn splice_injects(text: &str, injects: &[Inject]) -> Result<String, String> {
    let list = ron_list(&[], injects)?;
    let outline = Outline::new(text);
    if !matches!(outline.root.as_ref().map(|root| &root.kind), Some(NodeKind::Struct(_))) {
        return Err("not a scenario: expected `Scenario(...)`".to_string());
    }
    match outline.at(&FieldPath::root().field("injects")) {
        Some(node) => Ok(format!("{}{}{}", &text[..node.start], list, &text[node.end.min(text.len())..])),
        // No injects yet: the section is added.
        None => add_section(text, "injects", &list),
    }
}

/// The scenario text with its translations kept only for what the scenario still has (an import
/// replaces injects, sites or servers the translations spoke of), and with the sections named in `drop`
/// left out entirely; the text is unchanged when nothing is to go.
pub fn prune_translations(text: &str, drop: &[&str]) -> Result<String, String> {
    use crate::data::scenario::Translation;
    use std::collections::BTreeMap;
    let scenario: Scenario = load::parse("scenario", text, load::SCENARIO_SECTIONS).map_err(|p| p.to_string())?;
    if scenario.translations.is_empty() {
        return Ok(text.to_string());
    }
    let ids = |list: Vec<&String>| list.into_iter().cloned().collect::<std::collections::BTreeSet<String>>();
    let sites = ids(scenario.sites.iter().map(|x| &x.id).collect());
    let segments = ids(scenario.segments.iter().map(|x| &x.id).collect());
    let links = ids(scenario.links.iter().map(|x| &x.id).collect());
    let backups = ids(scenario.backups.iter().map(|x| &x.id).collect());
    let actions = ids(scenario.actions.iter().map(|x| &x.id).collect());
    let injects = ids(scenario.injects.iter().map(|x| &x.id).collect());
    let mut pruned: BTreeMap<String, Translation> = scenario.translations.clone();
    let mut meta_dropped = false;
    for t in pruned.values_mut() {
        let keep = |section: &str| !drop.contains(&section);
        if !keep("meta") && (t.name.is_some() || t.description.is_some()) {
            (t.name, t.description, meta_dropped) = (None, None, true);
        }
        t.sites.retain(|k, _| keep("sites") && sites.contains(k));
        t.segments.retain(|k, _| keep("segments") && segments.contains(k));
        t.links.retain(|k, _| keep("links") && links.contains(k));
        t.backups.retain(|k, _| keep("backups") && backups.contains(k));
        t.actions.retain(|k, _| actions.contains(k));
        t.injects.retain(|k, _| injects.contains(k));
    }
    let count = |m: &BTreeMap<String, Translation>| {
        m.values()
            .map(|t| t.sites.len() + t.segments.len() + t.links.len() + t.backups.len() + t.actions.len() + t.injects.len())
            .sum::<usize>()
    };
    if !meta_dropped && count(&pruned) == count(&scenario.translations) {
        return Ok(text.to_string());
    }
    let outline = Outline::new(text);
    let Some((start, end)) = outline.at(&FieldPath::root().field("translations")).map(|node| (node.start, node.end)) else {
        return Ok(text.to_string());
    };
    let config = ron::ser::PrettyConfig::new().indentor("    ".to_string()).struct_names(false);
    let written = ron::ser::to_string_pretty(&pruned, config).map_err(|e| format!("cannot write the translations: {e}"))?;
    // Indented as a section of the scenario.
    let written = written.lines().collect::<Vec<_>>().join("\n    ");
    Ok(format!("{}{}{}", &text[..start], written, &text[end.min(text.len())..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vivalia() -> Scenario {
        crate::data::load::load_scenario("vivalia-2022").map(|l| l.scenario).unwrap_or_else(|e| panic!("{e}"))
    }

    fn text(t: &str) -> Cell {
        Cell::Text(t.to_string())
    }

    #[test]
    fn times_are_read_the_way_planners_write_them() {
        let s = vivalia();
        let at = |cell: Cell| parse_time(&cell, &s);
        assert_eq!(at(text("+1h30")), Ok(When::Elapsed(90)));
        assert_eq!(at(text("T+01:30")), Ok(When::Elapsed(90)));
        assert_eq!(at(text("H+2:00:00")), Ok(When::Elapsed(120)));
        assert_eq!(at(text("45 min")), Ok(When::Elapsed(45)));
        assert_eq!(at(Cell::Number(150.0)), Ok(When::Elapsed(150)));
        assert_eq!(at(text("04:00")), Ok(When::Clock("2022-05-14T04:00".into())), "after the 01:30 start: the first night");
        assert_eq!(at(text("01:00")), Ok(When::Clock("2022-05-15T01:00".into())), "before the start: the next day");
        assert_eq!(at(text("2022-05-14 06:30")), Ok(When::Clock("2022-05-14T06:30".into())));
        assert_eq!(at(Cell::DateTime(0.9999)), Ok(When::Clock("2022-05-15T00:00".into())), "23:59:51 rounds to midnight, no panic");
    }

    #[test]
    fn times_that_are_not_times_are_refused() {
        let s = vivalia();
        for bad in ["", "+", "T+", "soon", "4:30 PM", "+1:305", "24:00", "+5000000", "+71582789:00", "+18446744073709551615d", "ôô:ôô"]
        {
            assert!(parse_time(&text(bad), &s).is_err(), "\"{bad}\" is refused");
        }
        assert!(parse_time(&Cell::Number(1e9), &s).is_err());
        assert!(parse_time(&Cell::Number(f64::NAN), &s).is_err());
        assert!(parse_time(&Cell::Empty, &s).is_err());
    }

    #[test]
    fn the_delimiter_is_found_outside_quotes() {
        let table = read_csv("x.csv", "Heure;\"Texte, canal\"\n+1:00;\"a, b\"\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.rows[1], vec![text("+1:00"), text("a, b")]);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
    }
}
