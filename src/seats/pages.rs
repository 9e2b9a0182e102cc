//! A seat's page, its script and its style, compiled into the binary: nothing is fetched from anywhere
//! else, so a seat works on a network cut off from the internet.

pub const PAGE: &str = include_str!("../../assets/seats/seat.html");
pub const SCRIPT: &str = include_str!("../../assets/seats/seat.js");
pub const STYLE: &str = include_str!("../../assets/seats/seat.css");
