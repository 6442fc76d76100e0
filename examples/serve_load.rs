//! A bounded load generator for `dossier serve` (`bench/serve.sh` runs it): N keep-alive
//! connections replay a list of request paths round-robin for a fixed time, against a loopback
//! address only. Prints requests per second, latency percentiles, errors, and the server's
//! resident memory (VmRSS) sampled at given seconds.
//!
//! usage: serve_load --addr 127.0.0.1:PORT --paths FILE [--connections 16] [--seconds 120]
//!                   [--pid PID --rss-at 30,120]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const MAX_CONNECTIONS: usize = 64;
const MAX_SECONDS: u64 = 900;

struct Args {
    addr: SocketAddr,
    paths: Vec<String>,
    connections: usize,
    seconds: u64,
    pid: Option<u32>,
    rss_at: Vec<u64>,
}

fn fail(msg: &str) -> ! {
    eprintln!("serve_load: {msg}");
    std::process::exit(2);
}

fn args() -> Args {
    let mut a = Args {
        addr: "127.0.0.1:7700".parse().unwrap(),
        paths: Vec::new(),
        connections: 16,
        seconds: 120,
        pid: None,
        rss_at: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .unwrap_or_else(|| fail(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--addr" => a.addr = value.parse().unwrap_or_else(|_| fail("bad --addr")),
            "--paths" => {
                let text = std::fs::read_to_string(&value)
                    .unwrap_or_else(|e| fail(&format!("{value}: {e}")));
                a.paths = text
                    .lines()
                    .filter(|l| l.starts_with('/'))
                    .map(str::to_string)
                    .collect();
            }
            "--connections" => a.connections = value.parse().unwrap_or(0),
            "--seconds" => a.seconds = value.parse().unwrap_or(0),
            "--pid" => a.pid = value.parse().ok(),
            "--rss-at" => {
                a.rss_at = value
                    .split(',')
                    .map(|s| s.trim().parse().unwrap_or_else(|_| fail("bad --rss-at")))
                    .collect()
            }
            _ => fail(&format!("unknown flag {flag}")),
        }
    }
    if !a.addr.ip().is_loopback() {
        fail("only a loopback address may be loaded");
    }
    if a.paths.is_empty() {
        fail("--paths FILE with one request path (starting with /) per line is needed");
    }
    if a.connections == 0 || a.connections > MAX_CONNECTIONS {
        fail(&format!("--connections must be 1 to {MAX_CONNECTIONS}"));
    }
    if a.seconds == 0 || a.seconds > MAX_SECONDS {
        fail(&format!("--seconds must be 1 to {MAX_SECONDS}"));
    }
    a
}

/// Reads one response; returns its status. Bodies must carry Content-Length.
fn response(r: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    let mut line = String::new();
    if r.read_line(&mut line)? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or(std::io::ErrorKind::InvalidData)?;
    let mut length = None;
    loop {
        line.clear();
        r.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse::<usize>().ok();
            }
        }
    }
    let n = length.ok_or(std::io::ErrorKind::InvalidData)?;
    let mut body = vec![0; n];
    r.read_exact(&mut body)?;
    Ok(status)
}

fn connect(addr: SocketAddr) -> std::io::Result<BufReader<TcpStream>> {
    let s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    s.set_nodelay(true)?;
    Ok(BufReader::new(s))
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    let a = args();
    let paths = Arc::new(a.paths.clone());
    let next = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let workers: Vec<_> = (0..a.connections)
        .map(|_| {
            let (paths, next, stop, addr) = (paths.clone(), next.clone(), stop.clone(), a.addr);
            std::thread::spawn(move || {
                let mut latencies: Vec<u32> = Vec::new();
                let mut errors = 0u64;
                let mut conn = None;
                while !stop.load(Ordering::Relaxed) {
                    let path = &paths[next.fetch_add(1, Ordering::Relaxed) % paths.len()];
                    let t = Instant::now();
                    let result = (|| -> std::io::Result<u16> {
                        if conn.is_none() {
                            conn = Some(connect(addr)?);
                        }
                        let r = conn.as_mut().unwrap();
                        write!(r.get_mut(), "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n")?;
                        response(r)
                    })();
                    match result {
                        Ok(200) => latencies.push(t.elapsed().as_micros() as u32),
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            conn = None;
                        }
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut rss = Vec::new();
    for &at in &a.rss_at {
        let when = started + Duration::from_secs(at.min(a.seconds));
        std::thread::sleep(when.saturating_duration_since(Instant::now()));
        rss.push((at, a.pid.and_then(rss_kb)));
    }
    std::thread::sleep(
        (started + Duration::from_secs(a.seconds)).saturating_duration_since(Instant::now()),
    );
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    let mut all: Vec<u32> = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (l, e) = w.join().expect("worker");
        all.extend(l);
        errors += e;
    }
    all.sort_unstable();
    let pct = |p: f64| -> f64 {
        if all.is_empty() {
            return 0.0;
        }
        let i = ((all.len() as f64 * p).ceil() as usize).clamp(1, all.len()) - 1;
        f64::from(all[i]) / 1000.0
    };
    println!(
        "requests {} errors {} seconds {:.1} rps {:.1} p50_ms {:.2} p99_ms {:.2} max_ms {:.2}",
        all.len(),
        errors,
        elapsed,
        all.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        pct(1.0)
    );
    for (at, kb) in rss {
        match kb {
            Some(kb) => println!("rss_at_{at}s_kb {kb}"),
            None => println!("rss_at_{at}s_kb unknown"),
        }
    }
}
