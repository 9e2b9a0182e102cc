//! The HTML reports' page and stylesheet: self-contained and printable.

pub const STYLE: &str = r#"
body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 960px; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #0072b2; padding-bottom: 0.2em; margin-top: 1.8em; }
.meta { color: #444; } .caveat { background: #fff7e0; border-left: 4px solid #e69f00; padding: 0.6em 1em; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
th { background: #eef4fa; } td.time { white-space: nowrap; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #006b4f; font-weight: 600; } .late { color: #8a5a00; font-weight: 600; } .missed { color: #b03a00; font-weight: 600; }
.ok::before { content: "✔ "; } .late::before { content: "◷ "; } .missed::before { content: "✖ "; }
.cards { display: flex; flex-wrap: wrap; gap: 0.8em; } .card { border: 1px solid #ccc; border-radius: 6px; padding: 0.6em 1em; min-width: 150px; }
.card b { display: block; font-size: 1.6em; } .hidden { color: #666; font-style: italic; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { page-break-after: avoid; } table, figure, .cards { page-break-inside: avoid; } a { color: inherit; text-decoration: none; } }
"#;

/// A whole page: `title` is already escaped.
pub fn page(language_code: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language_code}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body><h1>{title}</h1>{body}</body></html>\n"
    )
}
