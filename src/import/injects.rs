//! `import-injects`: the master scenario events list that trainers keep in a spreadsheet, read row by
//! row (times as planners write them, headings in English or French) and written into a scenario's
//! `injects` without touching the rest of it. Every bad row is reported at once, with its place.

use crate::data::load::{Problem, Problems};
use crate::data::locate::{FieldPath, NodeKind, Outline};
use crate::data::playbook::When;
use crate::data::scenario::{Inject, InjectTrigger, Scenario};

use super::ron_edit::{add_section, ron_list};
use super::table::{Cell, Table, is_blank, simplify};

/// The columns of an inject list, and the headings each may go by (English and French, as planners
/// write them; compared without case, accents or punctuation).
const COLUMNS: [(&str, &[&str]); 9] = [
    ("id", &["id", "ref", "reference", "inject", "inject id", "n", "no", "numero"]),
    ("time", &["time", "when", "offset", "time offset", "at", "heure", "moment", "delai", "horaire", "t"]),
    ("channel", &["channel", "canal", "via", "medium", "support"]),
    ("sender", &["sender", "from", "caller", "expediteur", "emetteur", "appelant"]),
    ("audience", &["audience", "to", "recipient", "recipients", "destinataire", "destinataires", "pour"]),
    ("text", &["text", "message", "inject text", "texte", "contenu", "description"]),
    ("expected", &["expected", "expected response", "expected action", "reponse attendue", "action attendue", "attendu"]),
    ("milestone", &["milestone", "plan milestone", "jalon", "jalon du plan"]),
    ("raises_alert", &["raises alert", "alert", "alerte", "declenche une alerte", "donne l alerte"]),
];

/// Whether a cell says yes, as a planner would write it.
fn is_yes(text: &str) -> bool {
    matches!(text.trim().to_lowercase().as_str(), "yes" | "y" | "true" | "x" | "1" | "oui" | "o" | "vrai")
}

/// Reads a time: an offset from the start (`+90`, `90`, `+1h30`, `T+01:30`, `H+2:00`, `45 min`), a
/// local date and time (`2022-05-14T04:00`, `2022-05-14 04:00`), or a time of day (`04:00`), which is on
/// the scenario's first day, or the next if it comes before the start.
pub fn parse_time(cell: &Cell, scenario: &Scenario) -> Result<When, String> {
    let hours = scenario.meta.duration_hours;
    match cell {
        Cell::Empty => Err("a time is needed".to_string()),
        Cell::Number(minutes) if minutes.is_finite() && *minutes >= 0.0 && *minutes <= f64::from(hours) * 60.0 => {
            Ok(When::Elapsed(minutes.round() as u32))
        }
        Cell::Number(n) => Err(format!("{n} is not a number of minutes within the scenario ({hours} h)")),
        Cell::DateTime(days) if *days >= 0.0 && *days < 1.0 => {
            let minutes = (days * 24.0 * 60.0).round() as i64;
            time_of_day(scenario, minutes / 60, minutes % 60)
        }
        Cell::DateTime(days) if days.is_finite() && *days < 1e6 => {
            let base = jiff::civil::date(1899, 12, 30).at(0, 0, 0, 0);
            let minutes = (days * 24.0 * 60.0).round() as i64;
            let at = base.checked_add(jiff::Span::new().minutes(minutes)).map_err(|e| e.to_string())?;
            Ok(clock(at))
        }
        Cell::DateTime(d) => Err(format!("{d} is not a date")),
        Cell::Text(text) => time_from_text(text.trim(), scenario),
    }
}

/// A local date and time, as a playbook writes it.
fn clock(at: jiff::civil::DateTime) -> When {
    When::Clock(at.strftime("%Y-%m-%dT%H:%M").to_string())
}

/// A time of day: on the scenario's first day, or the next if it comes before the start.
fn time_of_day(scenario: &Scenario, hours: i64, minutes: i64) -> Result<When, String> {
    let start: Option<jiff::civil::DateTime> = scenario.meta.start.parse().ok();
    let start = start.ok_or("the scenario's start is not a date and time")?;
    // 23:59:30 rounds to 24:00, which is midnight.
    let total = (hours * 60 + minutes).rem_euclid(24 * 60);
    let time = jiff::civil::Time::new((total / 60) as i8, (total % 60) as i8, 0, 0).map_err(|e| e.to_string())?;
    let mut at = start.date().to_datetime(time);
    if at < start {
        at = at.checked_add(jiff::Span::new().days(1)).map_err(|e| e.to_string())?;
    }
    Ok(clock(at))
}

/// A time written as text: a date and time, `HH:MM` (an offset when it follows `+`, `T+` or `H+`), or a
/// duration from the start.
fn time_from_text(t: &str, scenario: &Scenario) -> Result<When, String> {
    if let Ok(at) = t.replace(' ', "T").parse::<jiff::civil::DateTime>() {
        return Ok(clock(at));
    }
    let lower = t.to_lowercase();
    let (offset, rest) = match lower.strip_prefix("t+").or_else(|| lower.strip_prefix("h+")).or_else(|| lower.strip_prefix('+')) {
        Some(rest) => (true, rest.trim().to_string()),
        None => (false, lower.clone()),
    };
    match rest.split_once(':') {
        Some((h, rest_of)) => time_from_hours_and_minutes(t, h, rest_of, offset, scenario),
        None => time_from_duration(t, &rest, scenario),
    }
}

/// `HH:MM`, or `HH:MM:SS` with the seconds dropped; nothing else after the minutes.
fn time_from_hours_and_minutes(t: &str, h: &str, rest_of: &str, offset: bool, scenario: &Scenario) -> Result<When, String> {
    let hours = scenario.meta.duration_hours;
    let minutes_text = rest_of.split(':').next().unwrap_or("").trim();
    let seconds_ok = rest_of.split(':').skip(1).all(|x| x.len() == 2 && x.chars().all(|c| c.is_ascii_digit()));
    let short = minutes_text.len() <= 2 && seconds_ok;
    let parts = (h.trim().parse::<i64>(), minutes_text.parse::<i64>());
    match parts {
        (Ok(h), Ok(m)) if short && (0..60).contains(&m) && (0..=i64::from(hours)).contains(&h) && offset => {
            Ok(When::Elapsed((h * 60 + m) as u32))
        }
        (Ok(_), Ok(_)) if offset => Err(format!("\"{t}\" is past the scenario's end ({hours} h)")),
        (Ok(h), Ok(m)) if short && (0..60).contains(&m) && (0..24).contains(&h) => time_of_day(scenario, h, m),
        _ => Err(format!("\"{t}\" is not a time (write +1:30, 04:00 or 2022-05-14T04:00)")),
    }
}

/// A number of minutes, or a duration such as `1h30` or `45 min`, from the start.
fn time_from_duration(t: &str, rest: &str, scenario: &Scenario) -> Result<When, String> {
    let hours = scenario.meta.duration_hours;
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
        Ok(minutes) if minutes <= u64::from(hours) * 60 => Ok(When::Elapsed(minutes as u32)),
        Ok(minutes) => Err(format!("\"{t}\" is {minutes} minutes after the start, past the scenario's end ({hours} h)")),
        Err(_) => Err(format!("\"{t}\" is not a time (write +90, +1h30, T+01:30, 04:00 or 2022-05-14T04:00)")),
    }
}

/// Whether a cell is one of the headings a column goes by.
fn heading_of(cell: &Cell, name: &str) -> bool {
    let names = COLUMNS.iter().find(|(n, _)| *n == name).map(|(_, names)| *names).unwrap_or(&[]);
    names.contains(&simplify(&cell.text()).as_str())
}

/// The injects a table lists; every bad row and cell is reported, all at once.
pub fn injects_from_table(table: &Table, scenario: &Scenario, milestones: &[String]) -> Result<Vec<Inject>, Problems> {
    let Some(first_row) = table.first_filled_row() else {
        return Err(Problems::one(&table.file, "no rows: expected a heading row, then one inject per row"));
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
    let mut reader = InjectReader { table, headings: table.rows[header_row].clone(), scenario, milestones, problems: Vec::new() };
    if reader.column("time").is_none() || reader.column("text").is_none() {
        reader.say(format!(
            "{}: expected headings with at least a time and a text column (time, channel, audience, text, expected, milestone; \
             in French: heure, canal, destinataire, texte, réponse attendue, jalon); found: {}",
            table.place(header_row, 0, "headings"),
            table.headings_in(header_row).join(", ")
        ));
        return Err(Problems(reader.problems));
    }
    let mut injects: Vec<Inject> = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut rows_given = 0;
    for (r, row) in table.rows.iter().enumerate().skip(header_row + 1) {
        if is_blank(row) {
            continue;
        }
        rows_given += 1;
        if let Some(inject) = reader.inject(r, row, &injects, &ids) {
            ids.insert(inject.id.clone());
            injects.push(inject);
        }
    }
    if rows_given == 0 {
        reader.say(format!("{}: no injects below the headings", table.place(header_row, 0, "headings")));
    }
    if reader.problems.is_empty() { Ok(injects) } else { Err(Problems(reader.problems)) }
}

/// Reads the rows of an inject list below its headings, keeping every problem.
struct InjectReader<'a> {
    table: &'a Table,
    headings: Vec<Cell>,
    scenario: &'a Scenario,
    /// The milestones of the scenario's plan, which an inject may name.
    milestones: &'a [String],
    problems: Vec<Problem>,
}

impl InjectReader<'_> {
    fn say(&mut self, message: String) {
        self.problems.push(Problem { file: self.table.file.clone(), position: None, field: String::new(), message });
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.headings.iter().position(|h| heading_of(h, name))
    }

    fn get(&self, row: &[Cell], name: &str) -> Cell {
        self.column(name).and_then(|c| row.get(c)).cloned().unwrap_or(Cell::Empty)
    }

    /// Where a column's cell of a row is, for a message.
    fn place(&self, r: usize, name: &str) -> String {
        self.table.place(r, self.column(name).unwrap_or(0), name)
    }

    /// The inject a row gives, unless its time cannot be read; every problem with it is said.
    /// One row's inject; `ids` holds the ids of the injects before it.
    fn inject(&mut self, r: usize, row: &[Cell], earlier: &[Inject], ids: &std::collections::HashSet<String>) -> Option<Inject> {
        let text = self.get(row, "text").text();
        if text.is_empty() {
            self.say(format!("{}: the inject's text is empty", self.place(r, "text")));
        }
        let when = match parse_time(&self.get(row, "time"), self.scenario) {
            Ok(when) => Some(when),
            Err(why) => {
                self.say(format!("{}: {why}", self.place(r, "time")));
                None
            }
        };
        let id = match self.get(row, "id").text() {
            id if id.is_empty() => format!("inject-{}", earlier.len() + 1),
            id => id,
        };
        if ids.contains(&id) {
            self.say(format!("{}: the id \"{id}\" is given twice", self.place(r, "id")));
        }
        let milestone = match self.get(row, "milestone").text() {
            m if m.is_empty() => None,
            m if self.milestones.is_empty() || self.milestones.contains(&m) => Some(m),
            m => {
                self.say(format!(
                    "{}: \"{m}\" is not a milestone of the scenario's plan ({})",
                    self.place(r, "milestone"),
                    self.milestones.join(", ")
                ));
                None
            }
        };
        Some(Inject {
            id,
            trigger: InjectTrigger::At(when?),
            channel: self.get(row, "channel").text(),
            sender: self.get(row, "sender").text(),
            audience: self.get(row, "audience").text(),
            text,
            expected: self.get(row, "expected").text(),
            milestone,
            raises_alert: is_yes(&self.get(row, "raises_alert").text()),
        })
    }
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
}
