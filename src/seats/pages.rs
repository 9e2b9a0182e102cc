//! The seats' pages (a role's and a desk's), their scripts and their style, compiled into the binary: nothing is fetched from anywhere
//! else, so a seat works on a network cut off from the internet.

pub const PAGE: &str = include_str!("../../assets/seats/seat.html");
pub const SCRIPT: &str = include_str!("../../assets/seats/seat.js");
/// What every seat's page shares: the connection, its retries and the requests awaiting an answer.
pub const LINK_SCRIPT: &str = include_str!("../../assets/seats/link.js");
/// The facilitator's and the observers' page.
pub const DESK_PAGE: &str = include_str!("../../assets/seats/desk.html");
pub const DESK_SCRIPT: &str = include_str!("../../assets/seats/desk.js");
pub const STYLE: &str = include_str!("../../assets/seats/seat.css");

/// The headers every file of a seat is served with: not kept by the browser (a link dies with its
/// exercise), not framed by another site, its address not passed on, and nothing loaded from elsewhere.
pub fn headers(content_type: &'static str) -> [(axum::http::HeaderName, &'static str); 6] {
    use axum::http::header;
    [
        (header::CONTENT_TYPE, content_type),
        (header::CACHE_CONTROL, "no-store"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ]
}
