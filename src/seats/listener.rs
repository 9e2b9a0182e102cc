//! The seat server's listener: it bounds the connections anyone on the network can hold open (in all,
//! and from one address), and closes a connection that has not finished its first request within a
//! few seconds, so that nobody can lock the seats out or exhaust the window's files by opening sockets
//! and sending nothing.

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Sleep;

/// Connections open at once, all addresses together: ten seats with a few browsers each, and room.
pub const MOST_CONNECTIONS: usize = 256;
/// Connections open at once from one address.
pub const MOST_FROM_ONE_ADDRESS: usize = 32;
/// Time a connection has to send its first request's headers whole.
pub const FIRST_REQUEST_WITHIN: Duration = Duration::from_secs(10);

/// Open connections, by the address they come from.
type OpenCount = Arc<Mutex<HashMap<IpAddr, usize>>>;

pub struct CappedListener {
    inner: TcpListener,
    open: OpenCount,
}

impl CappedListener {
    pub fn new(inner: TcpListener) -> Self {
        Self { inner, open: Arc::default() }
    }

    /// Counts a new connection from `ip` if there is room for it.
    fn admit(&self, ip: IpAddr) -> bool {
        let Ok(mut open) = self.open.lock() else { return false };
        let total: usize = open.values().sum();
        let from_ip = open.entry(ip).or_default();
        if total >= MOST_CONNECTIONS || *from_ip >= MOST_FROM_ONE_ADDRESS {
            return false;
        }
        *from_ip += 1;
        true
    }
}

impl axum::serve::Listener for CappedListener {
    type Io = CountedStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let (stream, address) = match self.inner.accept().await {
                Ok(accepted) => accepted,
                // Out of files or a connection reset while queued: wait a little rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            // Beyond the caps the connection is closed at once, before anything is read from it.
            if self.admit(address.ip()) {
                let deadline = Box::pin(tokio::time::sleep(FIRST_REQUEST_WITHIN));
                let counted = CountedStream { stream, ip: address.ip(), open: self.open.clone(), deadline: Some(deadline), tail: [0; 3] };
                return (counted, address);
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A connection that is counted while open and must finish its first request's headers in time.
pub struct CountedStream {
    stream: TcpStream,
    ip: IpAddr,
    open: OpenCount,
    /// Until the first headers are whole; then `None`.
    deadline: Option<Pin<Box<Sleep>>>,
    /// The last bytes read, to find the blank line that ends the headers across reads.
    tail: [u8; 3],
}

impl CountedStream {
    /// Looks for the end of the headers in what was just read.
    fn watch_for_headers_end(&mut self, read: &[u8]) {
        if self.deadline.is_none() || read.is_empty() {
            return;
        }
        let mut seen = self.tail.to_vec();
        seen.extend_from_slice(read);
        if seen.windows(4).any(|w| w == b"\r\n\r\n") {
            self.deadline = None;
        }
        let keep = seen.len().saturating_sub(3);
        self.tail.copy_from_slice(&seen[keep..keep + 3]);
    }
}

impl Drop for CountedStream {
    fn drop(&mut self) {
        if let Ok(mut open) = self.open.lock()
            && let Some(count) = open.get_mut(&self.ip)
        {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

impl AsyncRead for CountedStream {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                let read = buf.filled()[before..].to_vec();
                this.watch_for_headers_end(&read);
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => match this.deadline.as_mut().map(|d| d.as_mut().poll(cx)) {
                Some(Poll::Ready(())) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "the request did not come in time"))),
                _ => Poll::Pending,
            },
        }
    }
}

impl AsyncWrite for CountedStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
