//! Importing what trainers and IT teams already keep in spreadsheets: the master scenario events list
//! (injects) and an asset inventory, from CSV or XLSX, written into a scenario file without touching
//! the rest of it (its comments, its `ASSUMPTION` marks). Every bad row is reported at once, with its
//! sheet, row and column.

pub mod injects;
pub mod inventory;
pub mod ron_edit;
pub mod table;

pub use injects::{injects_from_table, parse_time, splice_injects};
pub use ron_edit::{add_section, prune_translations, ron_line, ron_list};
pub use table::{Cell, Table, column_letter, read_csv, read_table, simplify};
