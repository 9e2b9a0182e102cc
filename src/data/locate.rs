//! Finds where a value stands in a RON text, so that problems found after parsing can name a line and column.
//!
//! This is a small, forgiving reader of RON's shape (structs, tuples, lists, maps, atoms). It does not
//! check types: serde and `ron` do that. It only records where each field and element begins and ends.

/// A place in a text: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One step of a path into a document: a struct field or a list element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    Field(String),
    Index(usize),
}

/// A path to a value, written as `segments[3].site`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldPath(pub Vec<PathStep>);

impl FieldPath {
    pub fn root() -> Self {
        Self(Vec::new())
    }
    pub fn field(&self, name: &str) -> Self {
        let mut steps = self.0.clone();
        steps.push(PathStep::Field(name.to_string()));
        Self(steps)
    }
    pub fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(PathStep::Index(index));
        Self(steps)
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            return write!(f, "(document)");
        }
        for (i, step) in self.0.iter().enumerate() {
            match step {
                PathStep::Field(name) if i == 0 => write!(f, "{name}")?,
                PathStep::Field(name) => write!(f, ".{name}")?,
                PathStep::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A value in the document, with the byte range it covers.
#[derive(Debug, Clone)]
pub struct Node {
    pub start: usize,
    pub end: usize,
    pub kind: NodeKind,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    /// `Name(field: value, ...)` or `(field: value, ...)`.
    Struct(Vec<(String, usize, Node)>),
    /// `[a, b]`, `(a, b)` or `Name(a, b)`.
    Sequence(Vec<Node>),
    /// `{ key: value }`.
    Map(Vec<(Node, Node)>),
    Atom,
}

/// A parsed outline of a RON document.
pub struct Outline<'a> {
    text: &'a str,
    pub root: Option<Node>,
}

impl<'a> Outline<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut reader = Reader { bytes: text.as_bytes(), at: 0, depth: 0 };
        reader.skip_attributes();
        let root = reader.value();
        Self { text, root }
    }

    /// The position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        position_of(self.text, offset)
    }

    /// The node at a path, or the deepest node on the way to it.
    pub fn find(&self, path: &FieldPath) -> Option<&Node> {
        let mut node = self.root.as_ref()?;
        for step in &path.0 {
            let next = match (step, &node.kind) {
                (PathStep::Field(name), NodeKind::Struct(fields)) => {
                    fields.iter().find(|(field, _, _)| field == name).map(|(_, _, value)| value)
                }
                (PathStep::Index(index), NodeKind::Sequence(items)) => items.get(*index),
                (PathStep::Index(index), NodeKind::Map(entries)) => entries.get(*index).map(|(_, value)| value),
                _ => None,
            };
            match next {
                Some(next) => node = next,
                None => break,
            }
        }
        Some(node)
    }

    /// The node at exactly this path, if the document has one (`find` stops at the nearest parent).
    pub fn at(&self, path: &FieldPath) -> Option<&Node> {
        let mut node = self.root.as_ref()?;
        for step in &path.0 {
            node = match (step, &node.kind) {
                (PathStep::Field(name), NodeKind::Struct(fields)) => {
                    fields.iter().find(|(field, _, _)| field == name).map(|(_, _, value)| value)?
                }
                (PathStep::Index(index), NodeKind::Sequence(items)) => items.get(*index)?,
                (PathStep::Index(index), NodeKind::Map(entries)) => entries.get(*index).map(|(_, value)| value)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Where the value at a path begins (or its nearest existing parent).
    pub fn locate(&self, path: &FieldPath) -> Position {
        match self.find(path) {
            Some(node) => self.position(node.start),
            None => Position { line: 1, column: 1 },
        }
    }

    /// The text of a node.
    pub fn slice(&self, node: &Node) -> &'a str {
        &self.text[node.start..node.end.min(self.text.len())]
    }
}

/// The 1-based line and column of a byte offset.
pub fn position_of(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    Position { line, column }
}

/// Deeper nesting than this is refused by the loader too; the outline stops there.
const MAX_DEPTH: usize = 64;

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
    depth: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.at += 1,
                Some(b'/') if self.bytes.get(self.at + 1) == Some(&b'/') => {
                    while let Some(b) = self.peek() {
                        if b == b'\n' {
                            break;
                        }
                        self.at += 1;
                    }
                }
                Some(b'/') if self.bytes.get(self.at + 1) == Some(&b'*') => {
                    self.at += 2;
                    let mut level = 1;
                    while level > 0 && self.at < self.bytes.len() {
                        if self.bytes[self.at..].starts_with(b"*/") {
                            level -= 1;
                            self.at += 2;
                        } else if self.bytes[self.at..].starts_with(b"/*") {
                            level += 1;
                            self.at += 2;
                        } else {
                            self.at += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn skip_attributes(&mut self) {
        loop {
            self.skip_space();
            if self.bytes[self.at..].starts_with(b"#![") {
                while let Some(b) = self.peek() {
                    self.at += 1;
                    if b == b']' {
                        break;
                    }
                }
            } else {
                return;
            }
        }
    }

    fn identifier(&mut self) -> Option<String> {
        let start = self.at;
        if self.bytes[self.at..].starts_with(b"r#") {
            self.at += 2;
        }
        while let Some(b) = self.peek() {
            if b.is_ascii_alphanumeric() || b == b'_' {
                self.at += 1;
            } else {
                break;
            }
        }
        if self.at == start {
            return None;
        }
        Some(String::from_utf8_lossy(&self.bytes[start..self.at]).trim_start_matches("r#").to_string())
    }

    fn skip_string(&mut self) {
        // At an opening quote (or `r#"` / `b"`).
        if self.peek() == Some(b'b') {
            self.at += 1;
        }
        if self.peek() == Some(b'r') {
            self.at += 1;
            let mut hashes = 0;
            while self.peek() == Some(b'#') {
                hashes += 1;
                self.at += 1;
            }
            self.at += 1; // the quote
            while self.at < self.bytes.len() {
                if self.bytes[self.at] == b'"' && self.bytes[self.at + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes {
                    self.at += 1 + hashes;
                    return;
                }
                self.at += 1;
            }
            return;
        }
        let quote = self.bytes[self.at];
        self.at += 1;
        while let Some(b) = self.peek() {
            self.at += 1;
            if b == b'\\' {
                self.at += 1;
            } else if b == quote {
                return;
            }
        }
    }

    fn value(&mut self) -> Option<Node> {
        self.skip_space();
        let start = self.at;
        let b = self.peek()?;
        if self.depth > MAX_DEPTH {
            return None;
        }
        match b {
            b'"' | b'\'' => {
                self.skip_string();
                Some(Node { start, end: self.at, kind: NodeKind::Atom })
            }
            b'r' | b'b' if matches!(self.bytes.get(self.at + 1), Some(b'"' | b'#')) => {
                self.skip_string();
                Some(Node { start, end: self.at, kind: NodeKind::Atom })
            }
            b'[' => {
                self.at += 1;
                let items = self.items(b']');
                Some(Node { start, end: self.at, kind: NodeKind::Sequence(items) })
            }
            b'{' => {
                self.at += 1;
                let entries = self.map_entries();
                Some(Node { start, end: self.at, kind: NodeKind::Map(entries) })
            }
            b'(' => {
                let kind = self.parenthesised();
                Some(Node { start, end: self.at, kind })
            }
            _ if b.is_ascii_alphabetic() || b == b'_' => {
                self.identifier();
                self.skip_space();
                if self.peek() == Some(b'(') {
                    let kind = self.parenthesised();
                    Some(Node { start, end: self.at, kind })
                } else {
                    Some(Node { start, end: self.at, kind: NodeKind::Atom })
                }
            }
            _ => {
                // Numbers and anything else up to a delimiter.
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b')' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t' | b':') {
                        break;
                    }
                    self.at += 1;
                }
                if self.at == start {
                    self.at += 1;
                }
                Some(Node { start, end: self.at, kind: NodeKind::Atom })
            }
        }
    }

    /// At `(`: a struct body when the first thing inside is `name:`, otherwise a tuple.
    fn parenthesised(&mut self) -> NodeKind {
        self.at += 1;
        self.depth += 1;
        self.skip_space();
        let save = self.at;
        let is_struct = match self.identifier() {
            Some(_) => {
                self.skip_space();
                self.peek() == Some(b':')
            }
            None => false,
        };
        self.at = save;
        let kind = if is_struct {
            let mut fields = Vec::new();
            loop {
                self.skip_space();
                match self.peek() {
                    None => break,
                    Some(b')') => {
                        self.at += 1;
                        break;
                    }
                    Some(b',') => {
                        self.at += 1;
                        continue;
                    }
                    _ => {}
                }
                let name_at = self.at;
                let Some(name) = self.identifier() else {
                    self.at += 1;
                    continue;
                };
                self.skip_space();
                if self.peek() == Some(b':') {
                    self.at += 1;
                }
                match self.value() {
                    Some(value) => fields.push((name, name_at, value)),
                    None => break,
                }
            }
            NodeKind::Struct(fields)
        } else {
            NodeKind::Sequence(self.items(b')'))
        };
        self.depth -= 1;
        kind
    }

    fn items(&mut self, close: u8) -> Vec<Node> {
        self.depth += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => break,
                Some(b) if b == close => {
                    self.at += 1;
                    break;
                }
                Some(b',') => {
                    self.at += 1;
                    continue;
                }
                Some(b')' | b']' | b'}') => {
                    self.at += 1;
                    break;
                }
                _ => {}
            }
            match self.value() {
                Some(node) => items.push(node),
                None => break,
            }
        }
        self.depth -= 1;
        items
    }

    fn map_entries(&mut self) -> Vec<(Node, Node)> {
        self.depth += 1;
        let mut entries = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => break,
                Some(b'}') => {
                    self.at += 1;
                    break;
                }
                Some(b',') => {
                    self.at += 1;
                    continue;
                }
                _ => {}
            }
            let Some(key) = self.value() else { break };
            self.skip_space();
            if self.peek() == Some(b':') {
                self.at += 1;
            }
            let Some(value) = self.value() else { break };
            entries.push((key, value));
        }
        self.depth -= 1;
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_and_elements() {
        let text = "Doc(\n  name: \"a\", // note\n  items: [\n    (id: \"x\"),\n    (id: \"y\", n: 3),\n  ],\n)";
        let outline = Outline::new(text);
        let path = FieldPath::root().field("items").index(1).field("n");
        assert_eq!(outline.locate(&path), Position { line: 5, column: 18 });
        let name = FieldPath::root().field("name");
        assert_eq!(outline.locate(&name), Position { line: 2, column: 9 });
        assert_eq!(path.to_string(), "items[1].n");
    }

    #[test]
    fn truncated_text_still_outlines_what_is_there() {
        let outline = Outline::new("Doc(a: [1, 2, (b: \"unterminated");
        let path = FieldPath::root().field("a").index(2).field("b");
        assert_eq!(outline.locate(&path).line, 1);
    }
}
