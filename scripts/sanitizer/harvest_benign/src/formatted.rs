//! Messages as services format them, full of text that looks like a secret or personal data but is
//! not: versions, commit hashes, digests, checksums, UUIDs, trace and span ids, timestamps, sizes,
//! ports and paths. Filled from a seeded generator, so the output is the same on every run.

use crate::Corpus;

/// SplitMix64: a small seeded generator.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn hex(&mut self, digits: usize) -> String {
        (0..digits)
            .map(|_| char::from(b"0123456789abcdef"[self.below(16) as usize]))
            .collect()
    }
    fn uuid(&mut self) -> String {
        format!(
            "{}-{}-4{}-a{}-{}",
            self.hex(8),
            self.hex(4),
            self.hex(3),
            self.hex(3),
            self.hex(12)
        )
    }
    fn version(&mut self) -> String {
        format!("{}.{}.{}", self.below(20), self.below(40), self.below(100))
    }
    fn version4(&mut self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.below(12),
            self.below(10),
            self.below(30000),
            self.below(500)
        )
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    /// An RFC 3339 time in 2023–2026, with or without fractional seconds and offset.
    fn timestamp(&mut self) -> String {
        let seconds = 1_672_531_200 + self.below(4 * 365 * 86_400) as i64;
        let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
        let (y, m, d) = civil_from_days(days);
        let time = format!(
            "{:02}:{:02}:{:02}",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        );
        match self.below(3) {
            0 => format!("{y:04}-{m:02}-{d:02}T{time}Z"),
            1 => format!("{y:04}-{m:02}-{d:02}T{time}.{:03}+02:00", self.below(1000)),
            _ => format!("{y:04}-{m:02}-{d:02} {time}.{:06}", self.below(1_000_000)),
        }
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

const PATHS: &[&str] = &[
    "/var/lib/postgresql/16/main/base/16384",
    "/etc/nginx/conf.d/default.conf",
    "/tmp/obsbridge-4242/sock",
    "./target/release/build/ring-7f3a9c/out",
    "C:\\ProgramData\\Vendor\\App\\state.db",
    "/opt/app/releases/2024.01.02/config.yaml",
    "/usr/lib/x86_64-linux-gnu/libssl.so.3",
    "/srv/data/shards/07/segment-000123.log",
    "../fixtures/sample-key.pem.txt",
    "/dev/shm/ring-0",
];

type Template = fn(&mut Random) -> String;

const TEMPLATES: &[Template] = &[
    |r| format!("fatal: reference is not a tree: {}", r.hex(40)),
    |r| {
        format!(
            "error: commit {} does not belong to any branch of this repository",
            r.hex(40)
        )
    },
    |r| {
        format!(
            "cherry-pick of {} failed: conflict in src/lib.rs",
            r.hex(12)
        )
    },
    |r| {
        format!(
            "checksum mismatch for {}: expected {}, found {}",
            r.pick(PATHS),
            r.hex(64),
            r.hex(64)
        )
    },
    |r| format!("sha256 {} does not match the lock file", r.hex(64)),
    |r| format!("manifest unknown: digest sha256:{} not found", r.hex(64)),
    |r| format!("blob sha1={} is corrupt (expected size 4096)", r.hex(40)),
    |r| {
        format!(
            "md5 checksum {} differs from the ETag {}",
            r.hex(32),
            r.hex(32)
        )
    },
    |r| {
        format!(
            "request {} failed after {} ms: upstream connect error",
            r.uuid(),
            r.below(30000)
        )
    },
    |r| format!("job_id={} attempt={} status=failed", r.uuid(), r.below(5)),
    |r| {
        format!(
            "trace_id={} span_id={}: deadline exceeded",
            r.hex(32),
            r.hex(16)
        )
    },
    |r| {
        format!(
            "traceparent 00-{}-{}-01 rejected: sampled flag mismatch",
            r.hex(32),
            r.hex(16)
        )
    },
    |r| {
        format!(
            "span {} of trace {} ended before its parent",
            r.hex(16),
            r.hex(32)
        )
    },
    |r| format!("lease expired at {} (now {})", r.timestamp(), r.timestamp()),
    |r| format!("certificate not valid before {}", r.timestamp()),
    |r| {
        format!(
            "[{}] ERROR worker-3: queue full, dropping batch",
            r.timestamp()
        )
    },
    |r| {
        format!(
            "cannot upgrade from {} to {}: data format changed",
            r.version(),
            r.version()
        )
    },
    |r| {
        format!(
            "requires rustc {} or newer (found {})",
            r.version(),
            r.version()
        )
    },
    |r| {
        format!(
            "invalid version \"{}\": unexpected character '.' after patch version number",
            r.version4()
        )
    },
    |r| format!("unsupported firmware version {}", r.version4()),
    |r| {
        format!(
            "driver version {} is older than the minimum {}",
            r.version4(),
            r.version4()
        )
    },
    |r| {
        format!(
            "build {} of the agent cannot read snapshots written by {}",
            r.version4(),
            r.version()
        )
    },
    |r| {
        format!(
            "package libfoo-{} conflicts with libfoo-{}",
            r.version(),
            r.version()
        )
    },
    |r| {
        format!(
            "write of {} bytes exceeds the limit of {} bytes",
            r.below(1 << 40),
            1_u64 << 30
        )
    },
    |r| {
        format!(
            "disk full: {:.1} GiB used of {:.1} GiB",
            r.below(1000) as f64 / 10.0,
            100.0
        )
    },
    |r| format!("message too large: {} KiB > {} KiB", r.below(100_000), 4096),
    |r| {
        format!(
            "listen tcp :{}: bind: address already in use",
            1024 + r.below(60000)
        )
    },
    |r| {
        format!(
            "connect localhost:{} refused after {} retries",
            r.below(65536),
            r.below(10)
        )
    },
    |r| {
        format!(
            "dial tcp 127.0.0.1:{}: connect: connection refused",
            r.below(65536)
        )
    },
    |r| format!("port {} is out of range 1-65535", 65536 + r.below(100_000)),
    |r| format!("open {}: no such file or directory", r.pick(PATHS)),
    |r| {
        format!(
            "permission denied while writing {} (os error 13)",
            r.pick(PATHS)
        )
    },
    |r| {
        format!(
            "timed out after {}.{}s waiting for {}",
            r.below(60),
            r.below(10),
            r.pick(PATHS)
        )
    },
    |r| {
        format!(
            "retry {} of 5 in {}ms: too many requests",
            r.below(5),
            r.below(5000)
        )
    },
    |r| {
        format!(
            "process {} exited with status {} after {}ns",
            r.below(1 << 22),
            r.below(256),
            r.next()
        )
    },
    |r| {
        format!(
            "offset {} out of bounds for segment of length {}",
            r.next() >> 20,
            r.next() >> 30
        )
    },
    |r| {
        format!(
            "row {} column {}: expected integer, found \"{}\"",
            r.below(10_000),
            r.below(40),
            r.hex(6)
        )
    },
    |r| {
        format!("thread 'worker-{}' panicked at src/pipeline/stage.rs:{}:{}:\ncalled `Result::unwrap()` on an `Err` value: Os {{ code: 2, kind: NotFound, message: \"No such file or directory\" }}\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace", r.below(8), r.below(900), r.below(80))
    },
    |r| {
        format!("error[E0308]: mismatched types\n  --> src/main.rs:{}:{}\n   |\n{} |     let port: u16 = \"8080\";\n   |               ---   ^^^^^^ expected `u16`, found `&str`", r.below(99), r.below(40), r.below(99))
    },
    |r| {
        format!("Caused by:\n    0: failed to load {}\n    1: invalid type: string \"{}\", expected u16 at line {} column {}", r.pick(PATHS), r.below(100_000), r.below(200), r.below(80))
    },
    |r| {
        format!(
            "TLS handshake failed: certificate verify failed (serial {}, SHA-256 fingerprint {})",
            r.hex(16),
            r.hex(64)
        )
    },
    |r| {
        format!(
            "object key uploads/{}/{}.bin already exists",
            r.uuid(),
            r.hex(16)
        )
    },
    |r| {
        format!(
            "etag \"{}\" does not match If-Match \"{}\"",
            r.hex(32),
            r.hex(32)
        )
    },
    |r| {
        format!(
            "HTTP 503 from https://api.example.com/v2/jobs/{}?page={} after {} ms",
            r.below(1 << 20),
            r.below(50),
            r.below(9000)
        )
    },
    |r| {
        format!(
            "GET /v1/orders/{} returned 404 (request id {})",
            r.below(1 << 31),
            r.hex(24)
        )
    },
    |r| {
        format!(
            "pid {} holds the lock on {} since {}",
            r.below(1 << 22),
            r.pick(PATHS),
            r.timestamp()
        )
    },
    |r| {
        format!(
            "schema version {} is newer than this binary supports ({})",
            r.below(300),
            r.below(200)
        )
    },
    |r| {
        format!(
            "container {} exited with code {} (OOMKilled=true)",
            r.hex(64),
            r.below(256)
        )
    },
    |r| format!("image sha256:{} is not signed", r.hex(64)),
    |r| format!("ulimit -n is {}; need at least {}", r.below(4096), 65536),
];

/// Adds every message: each template filled four times.
pub fn harvest(corpus: &mut Corpus) {
    let mut random = Random(0x0b5b_2026);
    for template in TEMPLATES {
        for _ in 0..4 {
            corpus.add("formatted", template(&mut random));
        }
    }
}
