//! Binding the listening socket. `SO_REUSEADDR` is set on Unix, so a sandbox stopped a moment
//! ago can be started again on the same port while its old connections sit in TIME_WAIT.

use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpSocket};

/// The backlog of pending connections.
const BACKLOG: u32 = 1024;

pub(crate) fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
    // On Windows SO_REUSEADDR would let another process take the port; its default is right.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}
