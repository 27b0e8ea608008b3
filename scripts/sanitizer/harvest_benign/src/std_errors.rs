//! Rust's standard library: parse errors, and file-system, process and socket errors met by really
//! making the calls.

use crate::Corpus;
use std::ffi::CString;
use std::fs;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn parse<T: FromStr>(corpus: &mut Corpus, kind: &str, inputs: &[&str])
where
    T::Err: std::fmt::Display,
{
    for input in inputs {
        if let Err(e) = input.parse::<T>() {
            corpus.add("std", e.to_string());
            corpus.add("std", format!("invalid {kind} {input:?}: {e}"));
        }
    }
}

fn parsing(corpus: &mut Corpus) {
    parse::<u8>(
        corpus,
        "retry count",
        &["", "-1", "256", "1.5", "ten", "0x10"],
    );
    parse::<u16>(corpus, "port", &["65536", "80a", "-8080", " 443"]);
    parse::<i32>(corpus, "offset", &["2147483648", "+-1", "1e3"]);
    parse::<u64>(
        corpus,
        "size in bytes",
        &["18446744073709551616", "4GiB", "1,024"],
    );
    parse::<f64>(corpus, "ratio", &["1.2.3", "one", "0,5", ""]);
    parse::<bool>(corpus, "flag", &["yes", "TRUE", "1"]);
    parse::<char>(corpus, "separator", &["", "ab"]);
    parse::<IpAddr>(
        corpus,
        "address",
        &["localhost", "1.2.3", "1.2.3.4.5", "::g", "300.1.1.1"],
    );
    parse::<Ipv4Addr>(corpus, "IPv4 address", &["1.2.3.256", "01.2.3.4", "::1"]);
    parse::<Ipv6Addr>(
        corpus,
        "IPv6 address",
        &["1:2:3:4:5:6:7:8:9", "fe80:::1", ":::1"],
    );
    parse::<SocketAddr>(
        corpus,
        "listen address",
        &[":8080", "localhost:8080", "[::1]", "0.0.0.0:99999"],
    );
    parse::<std::num::NonZeroU32>(corpus, "worker count", &["0"]);
    for bytes in [
        &b"caf\xe9"[..],
        b"\xff\xfe",
        b"ok \xf0\x9f\x98",
        b"\xed\xa0\x80",
    ] {
        if let Err(e) = std::str::from_utf8(bytes) {
            corpus.add("std", e.to_string());
        }
        if let Err(e) = String::from_utf8(bytes.to_vec()) {
            corpus.add("std", format!("header value is not UTF-8: {e}"));
        }
    }
    if let Err(e) = CString::new("/var/lib/app/db\0name") {
        corpus.add("std", format!("cannot pass path to C: {e}"));
    }
    if let Err(e) = u8::try_from(300_i32) {
        corpus.add("std", format!("queue depth out of range: {e}"));
    }
    if let Err(e) = char::try_from(0xD800_u32) {
        corpus.add("std", e.to_string());
    }
    let earlier = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let later = UNIX_EPOCH + Duration::from_secs(1_700_000_123);
    if let Err(e) = earlier.duration_since(later) {
        corpus.add("std", format!("clock went backwards: {e}"));
    }
    if let Err(e) = Duration::try_from_secs_f64(-1.5) {
        corpus.add("std", format!("invalid timeout: {e}"));
    }
    if let Err(e) = std::env::var("OBSBRIDGE_HARVEST_UNSET_VARIABLE") {
        corpus.add("std", format!("OBSBRIDGE_HARVEST_UNSET_VARIABLE: {e}"));
    }
}

/// File-system errors, made in a fresh directory whose path is shown as `/var/lib/app`.
fn file_system(corpus: &mut Corpus) {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let root = std::env::temp_dir().join(format!("harvest-benign-{}-{stamp}", std::process::id()));
    fs::create_dir_all(root.join("data/nested")).expect("a scratch directory");
    fs::write(root.join("data/state.db"), b"\xff\xfe binary").expect("a scratch file");
    fs::write(root.join("config.toml"), b"port = 8080\n").expect("a scratch file");
    let shown = |path: &Path| -> String {
        path.to_string_lossy()
            .replace(&*root.to_string_lossy(), "/var/lib/app")
    };
    let mut add = |what: &str, path: PathBuf, result: std::io::Result<()>| {
        if let Err(e) = result {
            corpus.add("std", format!("{what} {}: {e}", shown(&path)));
            corpus.add("std", format!("{what} {:?} failed: {e:?}", shown(&path)));
        }
    };
    let missing = root.join("missing/config.toml");
    add("open", missing.clone(), fs::File::open(&missing).map(drop));
    add(
        "read",
        root.join("data"),
        fs::read_to_string(root.join("data")).map(drop),
    );
    add(
        "read",
        root.join("data/state.db"),
        fs::read_to_string(root.join("data/state.db")).map(drop),
    );
    add(
        "create",
        root.join("missing/out.log"),
        fs::File::create(root.join("missing/out.log")).map(drop),
    );
    add(
        "create dir",
        root.join("data"),
        fs::create_dir(root.join("data")),
    );
    add(
        "remove dir",
        root.join("data"),
        fs::remove_dir(root.join("data")),
    );
    add(
        "remove",
        root.join("data"),
        fs::remove_file(root.join("data")),
    );
    add(
        "list",
        root.join("config.toml"),
        fs::read_dir(root.join("config.toml")).map(drop),
    );
    add(
        "readlink",
        root.join("config.toml"),
        fs::read_link(root.join("config.toml")).map(drop),
    );
    add(
        "rename",
        root.join("nope.tmp"),
        fs::rename(root.join("nope.tmp"), root.join("x")),
    );
    add(
        "copy",
        root.join("data"),
        fs::copy(root.join("data"), root.join("copy")).map(drop),
    );
    add(
        "open",
        root.join("config.toml/x"),
        fs::File::open(root.join("config.toml/x")).map(drop),
    );
    add(
        "hard link",
        root.join("data"),
        fs::hard_link(root.join("data"), root.join("data/nested/l")),
    );
    add(
        "stat",
        root.join("gone.sock"),
        fs::metadata(root.join("gone.sock")).map(drop),
    );
    let long = root.join("x".repeat(300));
    add("create", long.clone(), fs::File::create(&long).map(drop));
    let read_only = fs::File::open(root.join("config.toml")).and_then(|mut f| f.write_all(b"x"));
    add("write", root.join("config.toml"), read_only);
    let mut text = String::new();
    let binary =
        fs::File::open(root.join("data/state.db")).and_then(|mut f| f.read_to_string(&mut text));
    add("load", root.join("data/state.db"), binary.map(drop));
    fs::remove_dir_all(&root).expect("the scratch directory is removed");
}

fn processes_and_sockets(corpus: &mut Corpus) {
    for program in [
        "obsbridge-harvest-no-such-program",
        "/var/lib/app/bin/worker",
    ] {
        if let Err(e) = Command::new(program).arg("--version").output() {
            corpus.add("std", format!("failed to run {program}: {e}"));
        }
    }
    // A port that was just free: connecting to it is refused. Messages show fixed ports (5432, 8080),
    // so that the output does not depend on the run.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port");
    if let Err(e) = TcpStream::connect(("127.0.0.1", port)) {
        corpus.add("std", format!("connect to database at localhost:5432: {e}"));
        corpus.add("std", format!("{e:?}"));
    }
    if let Ok(listener) = TcpListener::bind("127.0.0.1:0") {
        let addr = listener.local_addr().expect("an address");
        if let Err(e) = TcpListener::bind(addr) {
            corpus.add("std", format!("listen on port 8080: {e}"));
        }
    }
    if let Err(e) = "db.invalid:5432".parse::<SocketAddr>() {
        corpus.add("std", format!("resolve db.invalid:5432: {e}"));
    }
}

/// The operating system's error texts, as `std::io::Error` prints them.
fn os_errors(corpus: &mut Corpus) {
    for code in 1..=40 {
        corpus.add("std", std::io::Error::from_raw_os_error(code).to_string());
    }
    for code in [
        61, 71, 75, 84, 90, 95, 98, 99, 100, 101, 103, 104, 110, 111, 113, 122, 125,
    ] {
        corpus.add("std", std::io::Error::from_raw_os_error(code).to_string());
    }
}

/// Adds every message.
pub fn harvest(corpus: &mut Corpus) {
    parsing(corpus);
    file_system(corpus);
    processes_and_sockets(corpus);
    os_errors(corpus);
}
