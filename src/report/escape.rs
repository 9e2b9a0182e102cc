//! Escaping for each format the reports are written in, so that no text from a file or a player can
//! add markup, break a table or run a formula.

/// A character no reader should be handed: a control character other than a line end or a tab (a
/// NUL, an escape sequence), or one that turns the direction of the text around (which can make a
/// line read as something else). Reports show it as the replacement character.
fn unseen(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2028}' | '\u{2029}')
}

/// The text with every character no reader should be handed shown as the replacement character, for
/// a text kept as it was written (a seat's message) and shown elsewhere than in a report.
pub fn plain(text: &str) -> String {
    text.chars().map(|c| if unseen(c) { '\u{FFFD}' } else { c }).collect()
}

/// Escapes text for HTML.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if unseen(c) => out.push('\u{FFFD}'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown: no markup, no HTML, no table breaks, one line.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if unseen(c) => out.push('\u{FFFD}'),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '!' | '|' | '~' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Characters that make a spreadsheet read a cell as a formula when they lead it (tab and carriage
/// return included: some spreadsheets skip them and read what follows).
const FORMULA_LEADS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV field.
pub fn csv(text: &str) -> String {
    let formula = text.starts_with(FORMULA_LEADS);
    let needs_quotes = text.contains([',', '"', '\n', '\r']) || formula;
    // A leading formula character is neutralised so that a spreadsheet does not run it.
    let text = if formula { format!("'{text}") } else { text.to_string() };
    if needs_quotes { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(html("<script>alert('x')</script> & \"q\""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assert_eq!(markdown("a|b *c* [l](http://x) <img>\nnext"), "a\\|b \\*c\\* \\[l\\]\\(http://x\\) &lt;img\\> next");
        assert_eq!(csv("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("\t=1+1"), "\"'\t=1+1\"", "a tab before a formula is neutralised too");
        assert_eq!(csv("\r=1"), "\"'\r=1\"");
        assert_eq!(csv("a,b"), "\"a,b\"", "a comma cannot shift the columns");
    }

    #[test]
    fn no_control_or_direction_character_reaches_a_report() {
        let hostile = "a\u{0}b\u{1b}[31mc\u{202E}d\u{2066}e";
        assert_eq!(html(hostile), "a\u{FFFD}b\u{FFFD}[31mc\u{FFFD}d\u{FFFD}e");
        assert_eq!(markdown(hostile), "a\u{FFFD}b\u{FFFD}\\[31mc\u{FFFD}d\u{FFFD}e");
        assert_eq!(html("line\r\nnext\tcol"), "line\r\nnext\tcol", "control: line ends and tabs are kept");
    }
}
