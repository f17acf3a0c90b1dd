//! Seed inputs: the documents' example answers exactly as the wire tests
//! hold them (every raw string literal of a test file, read at compile
//! time, so the fuzzer and the tests cannot drift apart), bodies the
//! simulators write, the README's config examples, and typical and tricky
//! filter patterns.

/// The wire tests: each holds its provider's documented answers verbatim.
pub const CLC_TESTS: &str = include_str!("../../../tests/it/wire/clc.rs");
pub const CONTROLEPANEEL_TESTS: &str = include_str!("../../../tests/it/wire/controlepaneel.rs");
pub const CONTROLEPANEEL_PULL_TESTS: &str =
    include_str!("../../../tests/it/wire/controlepaneel_pull.rs");
pub const I3D_TESTS: &str = include_str!("../../../tests/it/wire/i3d.rs");
pub const HOSTBILL_TESTS: &str = include_str!("../../../tests/it/wire/hostbill.rs");
pub const CONFIG_TESTS: &str = include_str!("../../../tests/it/config.rs");
pub const README: &str = include_str!("../../../README.md");

/// Every raw string literal (`r"…"`, `r#"…"#`, `r##"…"##`) in Rust source.
pub fn raw_literals(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some((literal, after)) = next_raw_literal(rest) {
        found.push(literal.to_string());
        rest = after;
    }
    found
}

/// The first raw literal of `text` and the text after it.
fn next_raw_literal(text: &str) -> Option<(&str, &str)> {
    let mut from = 0;
    loop {
        let at = from + text[from..].find('r')?;
        let hashes = text[at + 1..].bytes().take_while(|b| *b == b'#').count();
        let open_end = at + 1 + hashes;
        let starts_literal = text.as_bytes().get(open_end) == Some(&b'"')
            && !text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !starts_literal {
            from = at + 1;
            continue;
        }
        let close = format!("\"{}", "#".repeat(hashes));
        let body_start = open_end + 1;
        let body_len = text[body_start..].find(&close)?;
        let after = body_start + body_len + close.len();
        return Some((&text[body_start..body_start + body_len], &text[after..]));
    }
}

/// The bodies of every fenced block of `lang` in Markdown text.
pub fn fenced_blocks(markdown: &str, lang: &str) -> Vec<String> {
    let fence = format!("```{lang}");
    let mut blocks = Vec::new();
    let mut rest = markdown;
    while let Some(at) = rest.find(&fence) {
        let body = &rest[at + fence.len()..];
        let Some(end) = body.find("```") else { break };
        blocks.push(body[..end].trim_start_matches('\n').to_string());
        rest = &body[end + 3..];
    }
    blocks
}

/// Literals of `source` that look like `format`'s documents.
pub fn literals_starting_with(source: &str, starts: &[char]) -> Vec<Vec<u8>> {
    raw_literals(source)
        .into_iter()
        .filter(|l| l.trim_start().starts_with(starts))
        .map(String::into_bytes)
        .collect()
}

/// Typical and tricky `/` filter texts.
pub const FILTERS: &[&str] = &[
    "",
    "web",
    "WA1WEB01",
    "!web",
    "~^wa1.*01$",
    "!~^uc1",
    "~",
    "!",
    "!~",
    "~~",
    "!!web",
    "~(",
    "~)",
    "~[",
    "~[z-a]",
    "~a{2,1}",
    "~a{1000}{1000}",
    "~(a+)+$",
    "~(?i)ünïcödé",
    "~\\p{Greek}+",
    "~\\p{Nope}",
    "~\\",
    "~\\x{110000}",
    "~(?P<n>a)(?P<n>b)",
    "~(?<name>x)\\k<name>",
    "~a(?=b)",
    "~\\bweb\\b|^db",
    "~[[:alpha:]]+",
    "~[^\\s\\S]",
    "~.*.*.*.*=.*",
    "~(?m)^$",
    "~x{4294967295}",
    "ß",
    "İ",
    "ǅ",
    "\u{0}",
    "😀 emoji",
    "192.0.2.10",
    "2001:db8::10",
    "~203\\.0\\.113\\.[0-9]+",
];

/// Search texts the filters are matched against (lower case, one field a line).
pub const SEARCH_TEXTS: &[&str] = &[
    "",
    "wa1web01\nclc-prod\n192.0.2.10",
    "ünïcödé\nß\n😀",
    "a\n\n\nb",
];

/// The bodies of `json!(…)` calls in Rust source that are plain JSON
/// (no Rust expressions inside).
pub fn json_macros(source: &str) -> Vec<Vec<u8>> {
    source
        .split("json!(")
        .skip(1)
        .filter_map(balanced_prefix)
        .filter(|body| serde_json::from_str::<serde_json::Value>(body).is_ok())
        .map(|body| body.as_bytes().to_vec())
        .collect()
}

/// The text up to the `)` that closes an already opened `(`.
fn balanced_prefix(text: &str) -> Option<&str> {
    let mut depth = 1;
    for (at, c) in text.char_indices() {
        depth += match c {
            '(' | '[' | '{' => 1,
            ')' | ']' | '}' => -1,
            _ => 0,
        };
        if depth == 0 {
            return Some(&text[..at]);
        }
    }
    None
}

/// Plain `"…"` string literals of Rust source that hold `needle`, with
/// the common escapes resolved.
pub fn plain_literals(source: &str, needle: &str) -> Vec<Vec<u8>> {
    source
        .split('\n')
        .filter_map(|line| {
            let body = line.trim().strip_prefix('"')?;
            let end = body.rfind('"')?;
            Some(&body[..end])
        })
        .filter(|body| body.contains(needle))
        .map(|body| {
            body.replace("\\n", "\n")
                .replace("\\\"", "\"")
                .replace("\\\\", "\\")
                .into_bytes()
        })
        .collect()
}
