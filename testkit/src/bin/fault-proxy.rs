//! `fault-proxy UPSTREAM`: a [`testkit::FaultProxy`] in front of `UPSTREAM` (moto), as a process for
//! the browser tests. Prints its endpoint on the first line of stdout, then serves until killed;
//! steered with `POST /__faults/…` (see the proxy's docs).

use std::io::Write;

#[tokio::main]
async fn main() {
    let Some(upstream) = std::env::args().nth(1) else {
        eprintln!("usage: fault-proxy http://127.0.0.1:PORT");
        std::process::exit(2);
    };
    let proxy = testkit::FaultProxy::start(&upstream).await;
    println!("{}", proxy.endpoint());
    let _ = std::io::stdout().flush();
    std::future::pending::<()>().await;
}
