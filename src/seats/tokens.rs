//! The secret each seat's link carries: 128 bits from the operating system's random source, so that a
//! link cannot be guessed from another.

/// A new seat token: 32 hexadecimal digits.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("cannot draw a seat's secret from the system: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `text` has a token's shape, before it is looked up.
pub fn looks_like_token(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Whether two tokens are the same, in a time that does not tell how much of them matched.
pub fn same(known: &str, given: &str) -> bool {
    known.len() == given.len() && known.bytes().zip(given.bytes()).fold(0u8, |differ, (a, b)| differ | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_differ() {
        let (a, b) = (new_token().expect("a token"), new_token().expect("another"));
        assert!(looks_like_token(&a) && looks_like_token(&b), "{a} {b}");
        assert_ne!(a, b);
        assert!(!looks_like_token("../../etc/passwd"));
        assert!(same(&a, &a.clone()) && !same(&a, &b) && !same(&a, &a[..31]));
    }
}
