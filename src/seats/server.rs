//! The seat server itself: axum on a single-threaded tokio runtime, on a thread of its own. Pages and
//! the WebSocket of each seat; requests checked for size, rate and shape before they are queued for
//! the app; views and replies sent back as the app publishes them.

use std::net::{SocketAddr, UdpSocket};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{broadcast, oneshot, watch};

use crate::i18n::Language;

use super::{
    CONNECTIONS_PER_SEAT, Connections, LARGEST_REQUEST, QUEUED_REQUESTS, REQUESTS_PER_SECOND, Seat, SeatCommand, SeatOptions, SeatRequest,
    SharedConnections, pages, tokens,
};

/// How long a browser may take to take one update before its connection is dropped.
const SEND_LIMIT: Duration = Duration::from_secs(5);
/// Replies kept for a seat whose browser is slow to read them.
const REPLIES_KEPT: usize = 64;
/// The close code a browser gets when its seat's link was renewed: the page stops trying to reconnect.
pub const LINK_RENEWED: u16 = 4001;

/// The running seat server, owned by the app. Dropping it stops the server.
pub struct SeatServer {
    /// The address the seats' links name.
    pub address: SocketAddr,
    pub seats: Vec<Seat>,
    pub connections: SharedConnections,
    /// Behind a lock only so that the server can sit in a resource shared between systems.
    commands: Mutex<Receiver<SeatCommand>>,
    views: Vec<watch::Sender<Arc<str>>>,
    replies: Vec<broadcast::Sender<Arc<str>>>,
    /// What the server's connections share: the tokens a renewal changes.
    shared: Arc<Shared>,
    /// Per seat, how many times its link was renewed: its browsers close when it changes.
    renewals: Vec<watch::Sender<u32>>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// What every connection shares.
struct Shared {
    /// Each seat's token, as renewed.
    tokens: Mutex<Vec<String>>,
    renewals: Vec<watch::Receiver<u32>>,
    commands: SyncSender<SeatCommand>,
    views: Vec<watch::Receiver<Arc<str>>>,
    replies: Vec<broadcast::Sender<Arc<str>>>,
    connections: SharedConnections,
    /// Each seat's requests in the current second.
    limits: Mutex<Vec<RateLimit>>,
    /// The server's own refusals, in the exercise's language.
    words: ServerWords,
    /// Which seats are desks (the facilitator's, an observer's): they get the desk's page.
    desks: Vec<bool>,
}

/// What the server says by itself, before a request reaches the exercise.
struct ServerWords {
    not_understood: String,
    too_many: String,
    busy: String,
    closed: String,
    renewed: String,
}

impl ServerWords {
    fn new(language: Language) -> Self {
        Self {
            not_understood: language.tr("seat-not-understood").to_string(),
            too_many: language.tr("seat-too-many-requests").to_string(),
            busy: language.tr("seat-busy").to_string(),
            closed: language.tr("seat-closed").to_string(),
            renewed: language.tr("seat-link-renewed").to_string(),
        }
    }
}

impl SeatServer {
    /// Binds and starts serving; a seat for each (role, name), each with a new token.
    pub fn start(options: SeatOptions) -> Result<Self, String> {
        let listener = std::net::TcpListener::bind(options.bind)
            .map_err(|e| format!("cannot serve the seats on {}: {e} (choose another address or port)", options.bind))?;
        listener.set_nonblocking(true).map_err(|e| format!("cannot serve the seats: {e}"))?;
        let bound = listener.local_addr().map_err(|e| format!("cannot serve the seats: {e}"))?;
        let seats = options
            .seats
            .into_iter()
            .map(|(role, name)| tokens::new_token().map(|token| Seat { role, name, token }))
            .collect::<Result<Vec<_>, _>>()?;
        let (command_sender, commands) = std::sync::mpsc::sync_channel(QUEUED_REQUESTS);
        let (views, view_receivers): (Vec<_>, Vec<_>) = seats.iter().map(|_| watch::channel(Arc::<str>::from(""))).unzip();
        let replies: Vec<_> = seats.iter().map(|_| broadcast::channel(REPLIES_KEPT).0).collect();
        let connections = Arc::new(Connections::new(seats.len()));
        let (renewals, renewal_receivers): (Vec<_>, Vec<_>) = seats.iter().map(|_| watch::channel(0)).unzip();
        let shared = Arc::new(Shared {
            tokens: Mutex::new(seats.iter().map(|s| s.token.clone()).collect()),
            renewals: renewal_receivers,
            commands: command_sender,
            views: view_receivers,
            replies: replies.clone(),
            connections: connections.clone(),
            limits: Mutex::new(seats.iter().map(|_| RateLimit::default()).collect()),
            words: ServerWords::new(options.language),
            desks: seats.iter().map(|s| crate::exercise::desks::is_desk(&s.role)).collect(),
        });
        let (shutdown, stop) = oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| format!("cannot start the seat server: {e}"))?;
        let served = shared.clone();
        let thread = std::thread::Builder::new()
            .name("seats".into())
            .spawn(move || runtime.block_on(serve(listener, served, stop)))
            .map_err(|e| format!("cannot start the seat server: {e}"))?;
        Ok(Self {
            address: shown_address(bound),
            seats,
            connections,
            commands: Mutex::new(commands),
            views,
            replies,
            shared,
            renewals,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// The seats' requests waiting, oldest first.
    pub fn drain(&self) -> Vec<SeatCommand> {
        match self.commands.lock() {
            Ok(commands) => commands.try_iter().take(QUEUED_REQUESTS).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// What `seat` shows now; a browser behind takes the latest and skips the rest.
    pub fn publish(&self, seat: usize, view: String) {
        if let Some(sender) = self.views.get(seat) {
            sender.send_replace(Arc::from(view));
        }
    }

    /// An answer to one of `seat`'s requests.
    pub fn reply(&self, seat: usize, reply: String) {
        if let Some(sender) = self.replies.get(seat) {
            let _ = sender.send(Arc::from(reply));
        }
    }

    /// Each seat's link.
    pub fn links(&self) -> Vec<String> {
        super::links(self.address, &self.seats)
    }

    /// Gives `seat` a new link: the old one opens nothing from now on, and the browsers holding it are
    /// closed with a word saying why. How a facilitator takes a seat back, or hands it to someone else.
    pub fn renew_link(&mut self, seat: usize) -> Result<String, String> {
        let Some(held) = self.seats.get_mut(seat) else {
            return Err(format!("there is no seat {seat}"));
        };
        let token = tokens::new_token()?;
        let mut known = self.shared.tokens.lock().map_err(|_| "the seat server has stopped".to_string())?;
        known[seat] = token.clone();
        held.token = token;
        drop(known);
        self.renewals[seat].send_modify(|times| *times += 1);
        Ok(super::links(self.address, std::slice::from_ref(&self.seats[seat])).remove(0))
    }
}

impl Drop for SeatServer {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The address to put in links: the one bound, or, when bound to every interface, this machine's
/// address on the network its default route leads to (no packet is sent to find it).
fn shown_address(bound: SocketAddr) -> SocketAddr {
    if !bound.ip().is_unspecified() {
        return bound;
    }
    let probe = UdpSocket::bind("0.0.0.0:0").and_then(|s| s.connect("192.0.2.1:9").map(|_| s)).and_then(|s| s.local_addr());
    match probe {
        Ok(local) if !local.ip().is_unspecified() => SocketAddr::new(local.ip(), bound.port()),
        _ => SocketAddr::from(([127, 0, 0, 1], bound.port())),
    }
}

async fn serve(listener: std::net::TcpListener, shared: Arc<Shared>, stop: oneshot::Receiver<()>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let app = Router::new()
        .route("/seat/{token}", get(page))
        .route("/seat.js", get(|| async { (pages::headers("text/javascript; charset=utf-8"), pages::SCRIPT) }))
        .route("/link.js", get(|| async { (pages::headers("text/javascript; charset=utf-8"), pages::LINK_SCRIPT) }))
        .route("/desk.js", get(|| async { (pages::headers("text/javascript; charset=utf-8"), pages::DESK_SCRIPT) }))
        .route("/seat.css", get(|| async { (pages::headers("text/css; charset=utf-8"), pages::STYLE) }))
        .route("/ws/{token}", get(socket))
        .layer(axum::middleware::map_response(close_after_answer))
        .with_state(shared);
    // Stopping does not wait for open connections (a client that never finishes its request would
    // hold the window): the runtime, dropped as the thread ends, closes them.
    tokio::select! {
        _ = axum::serve(super::listener::CappedListener::new(listener), app) => {}
        _ = stop => {}
    }
}

/// Every answer but a WebSocket's closes its connection: a page's files are fetched once, and a browser
/// (or anyone, without a link) cannot keep idle connections open until the seats are locked out.
async fn close_after_answer(mut response: Response) -> Response {
    if response.status() != StatusCode::SWITCHING_PROTOCOLS {
        response.headers_mut().insert(header::CONNECTION, axum::http::HeaderValue::from_static("close"));
    }
    response
}

fn seat_of(shared: &Shared, token: &str) -> Option<usize> {
    if !tokens::looks_like_token(token) {
        return None;
    }
    let known = shared.tokens.lock().ok()?;
    known.iter().position(|known| tokens::same(known, token))
}

async fn page(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    match seat_of(&shared, &token) {
        Some(seat) if shared.desks[seat] => (pages::headers("text/html; charset=utf-8"), pages::DESK_PAGE).into_response(),
        Some(_) => (pages::headers("text/html; charset=utf-8"), pages::PAGE).into_response(),
        None => (StatusCode::NOT_FOUND, "No such seat: ask the facilitator for your link.").into_response(),
    }
}

async fn socket(State(shared): State<Arc<Shared>>, Path(token): Path<String>, headers: HeaderMap, upgrade: WebSocketUpgrade) -> Response {
    let Some(seat) = seat_of(&shared, &token) else {
        return (StatusCode::NOT_FOUND, "No such seat").into_response();
    };
    if !same_origin(&headers) {
        return (StatusCode::FORBIDDEN, "A seat's page may only be opened from this server").into_response();
    }
    if shared.connections.of(seat) >= CONNECTIONS_PER_SEAT {
        return (StatusCode::TOO_MANY_REQUESTS, "This seat is open in too many browsers").into_response();
    }
    upgrade
        .max_message_size(LARGEST_REQUEST)
        .max_frame_size(LARGEST_REQUEST)
        .on_upgrade(move |socket| hold_seat(socket, shared, seat, token))
        .into_response()
}

/// A browser's WebSocket must come from a page of this server: its Origin, when it sends one, names
/// the host it asked for. Programs that send no Origin (the tests, a bot) are let in on the token alone.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    let origin = origin.to_str().unwrap_or_default();
    let origin_host = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")).unwrap_or_default();
    !host.is_empty() && origin_host == host
}

/// One browser on one seat: the seat's latest view at once and whenever it changes, its replies, and
/// its requests passed on to the app.
async fn hold_seat(mut socket: WebSocket, shared: Arc<Shared>, seat: usize, token: String) {
    let mut renewals = shared.renewals[seat].clone();
    renewals.mark_unchanged();
    // A link renewed between the token's check and now is turned away like one renewed later.
    if seat_of(&shared, &token) != Some(seat) {
        close_renewed(&mut socket, &shared).await;
        return;
    }
    shared.connections.change(seat, true);
    let mut views = shared.views[seat].clone();
    views.mark_changed();
    let mut replies = shared.replies[seat].subscribe();
    loop {
        let outgoing: Option<Arc<str>> = tokio::select! {
            renewed = renewals.changed() => {
                if renewed.is_ok() {
                    close_renewed(&mut socket, &shared).await;
                }
                break;
            },
            changed = views.changed() => match changed {
                Ok(()) => Some(views.borrow_and_update().clone()).filter(|v| !v.is_empty()),
                Err(_) => break,
            },
            reply = replies.recv() => match reply {
                Ok(reply) => Some(reply),
                Err(broadcast::error::RecvError::Lagged(_)) => None,
                Err(broadcast::error::RecvError::Closed) => break,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => take_request(&shared, seat, text.as_str()).map(Arc::from),
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => None,
            },
        };
        if let Some(text) = outgoing {
            let sent = tokio::time::timeout(SEND_LIMIT, socket.send(Message::Text(text.as_ref().into()))).await;
            if !matches!(sent, Ok(Ok(()))) {
                break;
            }
        }
    }
    shared.connections.change(seat, false);
}

/// Tells a browser its seat's link was renewed, and closes it.
async fn close_renewed(socket: &mut WebSocket, shared: &Shared) {
    let close = CloseFrame { code: LINK_RENEWED, reason: shared.words.renewed.as_str().into() };
    let _ = tokio::time::timeout(SEND_LIMIT, socket.send(Message::Close(Some(close)))).await;
}

/// Passes a request on to the app; returns the reply to send at once when it cannot be.
fn take_request(shared: &Shared, seat: usize, text: &str) -> Option<String> {
    let words = &shared.words;
    let request: SeatRequest = match serde_json::from_str(text) {
        Ok(request) => request,
        Err(_) => return Some(refusal(None, &words.not_understood)),
    };
    let id = request.id();
    let allowed = shared.limits.lock().map(|mut limits| limits.get_mut(seat).is_some_and(|l| l.allow(Instant::now())));
    if !allowed.unwrap_or(false) {
        return Some(refusal(Some(id), &words.too_many));
    }
    match shared.commands.try_send(SeatCommand { seat, request }) {
        Ok(()) => None,
        Err(TrySendError::Full(_)) => Some(refusal(Some(id), &words.busy)),
        Err(TrySendError::Disconnected(_)) => Some(refusal(Some(id), &words.closed)),
    }
}

fn refusal(id: Option<u64>, text: &str) -> String {
    super::reply_json(id, Err(text), false)
}

/// At most `REQUESTS_PER_SECOND` requests in any second of one seat, whatever its connections.
#[derive(Default)]
struct RateLimit {
    second: Option<Instant>,
    count: u32,
}

impl RateLimit {
    fn allow(&mut self, now: Instant) -> bool {
        match self.second {
            Some(start) if now.duration_since(start) < Duration::from_secs(1) => {
                self.count += 1;
                self.count <= REQUESTS_PER_SECOND
            }
            _ => {
                self.second = Some(now);
                self.count = 1;
                true
            }
        }
    }
}
