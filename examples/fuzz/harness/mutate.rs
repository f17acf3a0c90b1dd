//! The structure-aware mutator: JSON trees (value types swapped, keys
//! dropped, duplicated and renamed, deep nesting, huge numbers, `\/Date\/`
//! strings, unicode), XML segments (elements dropped and duplicated, bad
//! entities, CDATA, renamed and unclosed tags), TOML lines and values,
//! regex fragments for filter text, and plain byte mutations, stacked a
//! few at a time and always possibly truncated.

use hostdeck::sim::SplitMix64;
use serde_json::{Map, Number, Value};

/// How a target's input is structured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
    Toml,
    Filter,
}

/// Inputs grow by duplication; beyond this they are cut back.
const MAX_LEN: usize = 128 * 1024;

/// A filter is typed by hand: longer ones only slow the run down.
const MAX_FILTER_LEN: usize = 1024;

/// Names seen in the seeds (JSON keys, XML element names, TOML keys).
pub struct Dictionary {
    names: Vec<String>,
}

impl Dictionary {
    pub fn from_seeds(seeds: &[Vec<u8>], format: Format) -> Dictionary {
        let mut names: Vec<String> = seeds
            .iter()
            .flat_map(|seed| names_in(&String::from_utf8_lossy(seed), format))
            .collect();
        names.sort();
        names.dedup();
        if names.is_empty() {
            names.push("x".to_string());
        }
        Dictionary { names }
    }

    fn pick(&self, rng: &mut SplitMix64) -> &str {
        &self.names[rng.below(self.names.len() as u64) as usize]
    }
}

fn names_in(text: &str, format: Format) -> Vec<String> {
    let (open, close) = match format {
        Format::Json => ('"', '"'),
        Format::Xml => ('<', '>'),
        Format::Toml | Format::Filter => return toml_keys(text),
    };
    text.split(open)
        .skip(1)
        .filter_map(|part| part.split(close).next())
        .map(|name| name.trim_start_matches('/').split(' ').next().unwrap_or(""))
        .filter(|name| !name.is_empty() && name.len() <= 40 && !name.contains(['\n', '\\']))
        .map(str::to_string)
        .collect()
}

fn toml_keys(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.split_once('='))
        .map(|(key, _)| key.trim().to_string())
        .filter(|key| !key.is_empty() && !key.contains(' '))
        .collect()
}

/// A mutant of `base`: one to four stacked mutations, structure-aware or
/// byte-level.
pub fn mutate(base: &[u8], format: Format, dict: &Dictionary, rng: &mut SplitMix64) -> Vec<u8> {
    let mut input = base.to_vec();
    let max_len = match format {
        Format::Filter => MAX_FILTER_LEN,
        _ => MAX_LEN,
    };
    for _ in 0..1 + rng.below(4) {
        input = if rng.below(10) < 6 {
            structured(&input, format, dict, rng)
        } else {
            bytes(input, rng)
        };
        input.truncate(max_len);
    }
    input
}

fn structured(input: &[u8], format: Format, dict: &Dictionary, rng: &mut SplitMix64) -> Vec<u8> {
    match format {
        Format::Json => json(input, dict, rng),
        Format::Xml => xml(input, dict, rng),
        Format::Toml => toml(input, dict, rng),
        Format::Filter => filter(input, rng),
    }
}

// -- bytes -------------------------------------------------------------------

const INTERESTING_BYTES: &[&[u8]] = &[
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xf0\x9f",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"\\",
    b"\"",
    b"'",
    b"<",
    b">",
    b"&",
    b"]]>",
    b"\t",
];

fn bytes(mut input: Vec<u8>, rng: &mut SplitMix64) -> Vec<u8> {
    let len = input.len() as u64;
    let at = rng.below(len + 1) as usize;
    let last = at.min(input.len().saturating_sub(1));
    match rng.below(7) {
        0 if !input.is_empty() => input[last] ^= 1 << rng.below(8),
        1 if !input.is_empty() => input[last] = rng.next_u64() as u8,
        2 => {
            let count = 1 + rng.below(4);
            let fresh: Vec<u8> = (0..count).map(|_| rng.next_u64() as u8).collect();
            input.splice(at..at, fresh);
        }
        3 => {
            let end = (at + 1 + rng.below(16) as usize).min(input.len());
            input.drain(at.min(end)..end);
        }
        4 => {
            let end = (at + 1 + rng.below(64) as usize).min(input.len());
            let copy = input[at.min(end)..end].to_vec();
            let to = rng.below(input.len() as u64 + 1) as usize;
            input.splice(to..to, copy);
        }
        5 => {
            let pick = INTERESTING_BYTES[rng.below(INTERESTING_BYTES.len() as u64) as usize];
            input.splice(at..at, pick.iter().copied());
        }
        _ => input.truncate(at),
    }
    input
}

/// `text` with `fresh` inserted at a random char boundary.
fn insert_text(text: &str, fresh: &str, rng: &mut SplitMix64) -> String {
    let at = char_boundary(text, rng.below(text.len() as u64 + 1) as usize);
    format!("{}{fresh}{}", &text[..at], &text[at..])
}

fn char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

// -- JSON --------------------------------------------------------------------

const HUGE_NUMBERS: &[&str] = &[
    "1e999999",
    "-1e999999",
    "123456789012345678901234567890",
    "18446744073709551616",
    "-9223372036854775809",
    "9223372036854775807",
    "-0",
    "0.0000000000000000000000001",
    "1.7976931348623157e308",
    "4e-400",
];

const ODD_STRINGS: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "12",
    "1.5",
    "NaN",
    "true",
    "null",
    "\\/Date(1700000000000)\\/",
    "\\/Date(-62135596800000)\\/",
    "\\/Date(99999999999999999999)\\/",
    "\\/Date(1700000000000+0100)\\/",
    "\\/Date()\\/",
    "/Date(1700000000000)/",
    "2024-02-30T25:61:00Z",
    "31-12-9999",
    "00-00-0000 99:99",
    "ünïcödé ß İ ǅ",
    "😀\\ud83d\\ude00",
    "\\ud800",
    "\\u0000",
    "a.b.c",
    "192.0.2.300",
    "::::",
    "eyJhbGciOiJub25lIn0.eyJleHAiOjk5OTk5OTk5OTk5OTk5OX0.",
    "a.b",
];

fn json(input: &[u8], dict: &Dictionary, rng: &mut SplitMix64) -> Vec<u8> {
    let text = String::from_utf8_lossy(input);
    match serde_json::from_str::<Value>(&text) {
        Ok(mut value) if rng.below(4) != 0 => {
            mutate_tree(&mut value, dict, rng);
            serialize(&value, rng).into_bytes()
        }
        _ => json_text(&text, dict, rng).into_bytes(),
    }
}

fn serialize(value: &Value, rng: &mut SplitMix64) -> String {
    if rng.below(2) == 0 {
        value.to_string()
    } else {
        serde_json::to_string_pretty(value).unwrap_or_default()
    }
}

/// Text-level JSON mutations: duplicate keys, huge numbers, deep nesting,
/// odd strings, truncation.
fn json_text(text: &str, dict: &Dictionary, rng: &mut SplitMix64) -> String {
    match rng.below(5) {
        0 => {
            let member = format!("\"{}\":{},", dict.pick(rng), scalar_text(rng));
            match text.match_indices('{').nth(rng.below(8) as usize) {
                Some((at, _)) => format!("{}{member}{}", &text[..=at], &text[at + 1..]),
                None => insert_text(text, &member, rng),
            }
        }
        1 => insert_text(text, pick(HUGE_NUMBERS, rng), rng),
        2 => {
            let depth = 1 + rng.below(600) as usize;
            let (open, close) = if rng.below(2) == 0 {
                ("[", "]")
            } else {
                ("{\"a\":", "}")
            };
            format!("{}{text}{}", open.repeat(depth), close.repeat(depth))
        }
        3 => insert_text(text, &format!("\"{}\"", pick(ODD_STRINGS, rng)), rng),
        _ => {
            let at = char_boundary(text, rng.below(text.len() as u64 + 1) as usize);
            text[..at].to_string()
        }
    }
}

fn scalar_text(rng: &mut SplitMix64) -> String {
    match rng.below(4) {
        0 => pick(HUGE_NUMBERS, rng).to_string(),
        1 => format!("\"{}\"", pick(ODD_STRINGS, rng)),
        2 => "null".to_string(),
        _ => "[]".to_string(),
    }
}

fn pick<'a>(items: &[&'a str], rng: &mut SplitMix64) -> &'a str {
    items[rng.below(items.len() as u64) as usize]
}

fn node_count(value: &Value) -> u64 {
    1 + match value {
        Value::Array(items) => items.iter().map(node_count).sum(),
        Value::Object(map) => map.values().map(node_count).sum(),
        _ => 0,
    }
}

/// Applies `change` to the `index`th node of the tree in pre-order.
fn at_node(value: &mut Value, index: &mut u64, change: &mut dyn FnMut(&mut Value)) -> bool {
    if *index == 0 {
        change(value);
        return true;
    }
    *index -= 1;
    match value {
        Value::Array(items) => items.iter_mut().any(|child| at_node(child, index, change)),
        Value::Object(map) => map.values_mut().any(|child| at_node(child, index, change)),
        _ => false,
    }
}

fn mutate_tree(root: &mut Value, dict: &Dictionary, rng: &mut SplitMix64) {
    let mut index = rng.below(node_count(root));
    at_node(root, &mut index, &mut |node| match (rng.below(3), node) {
        (0, Value::Object(map)) => mutate_object(map, dict, rng),
        (0, Value::Array(items)) => mutate_array(items, rng),
        (_, node) => *node = replacement(node.take(), dict, rng),
    });
}

fn mutate_object(map: &mut Map<String, Value>, dict: &Dictionary, rng: &mut SplitMix64) {
    let keys: Vec<String> = map.keys().cloned().collect();
    let key = keys.get(rng.below(keys.len() as u64) as usize).cloned();
    match (rng.below(3), key) {
        (0, Some(key)) => {
            map.remove(&key);
        }
        (1, Some(key)) => {
            let value = map.remove(&key).unwrap_or(Value::Null);
            map.insert(dict.pick(rng).to_string(), value);
        }
        _ => {
            let value = replacement(Value::Null, dict, rng);
            map.insert(dict.pick(rng).to_string(), value);
        }
    }
}

fn mutate_array(items: &mut Vec<Value>, rng: &mut SplitMix64) {
    let at = rng.below(items.len() as u64) as usize;
    match rng.below(3) {
        0 if !items.is_empty() => {
            items.remove(at);
        }
        1 if !items.is_empty() => {
            let copy = items[at].clone();
            items.insert(at, copy);
        }
        _ => items.clear(),
    }
}

/// A value of another type, sometimes wrapping the old one.
fn replacement(old: Value, dict: &Dictionary, rng: &mut SplitMix64) -> Value {
    match rng.below(12) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => Value::from(rng.next_u64() as i64 >> rng.below(64)),
        3 => Value::from([0, -1, 1, i64::MIN, i64::MAX][rng.below(5) as usize]),
        4 => Value::from(u64::MAX),
        5 => Number::from_f64(f64::from_bits(rng.next_u64()))
            .map(Value::Number)
            .unwrap_or(Value::Null),
        6 => Value::String(pick(ODD_STRINGS, rng).replace("\\/", "/")),
        7 => Value::String(match &old {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.repeat(1 + rng.below(3) as usize),
            other => other.to_string(),
        }),
        8 => Value::Array(vec![old]),
        9 => Value::Array(Vec::new()),
        10 => Value::Object(Map::from_iter([(dict.pick(rng).to_string(), old)])),
        _ => Value::Object(Map::new()),
    }
}

// -- XML ---------------------------------------------------------------------

const XML_SNIPPETS: &[&str] = &[
    "&bogus;",
    "&amp",
    "&",
    "&#0;",
    "&#xFFFFFFFF;",
    "&#x110000;",
    "&#xD800;",
    "&#99999999999999999999;",
    "&#;",
    "&#x;",
    "&lt;&gt;&quot;&apos;",
    "<![CDATA[x<y]]>",
    "<![CDATA[",
    "]]>",
    "<!-- c -->",
    "<!--",
    "<?pi x?>",
    "<!DOCTYPE x [<!ENTITY e \"boom\">]>",
    "<Item/>",
    "<Item>",
    "</Item>",
    "</>",
    "< >",
    "<a b='1' b='2'>",
    "<a xmlns:p=\"u\"><p:b/></a>",
    "\u{e9}",
];

const LATIN1_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>";

fn xml(input: &[u8], dict: &Dictionary, rng: &mut SplitMix64) -> Vec<u8> {
    let text = String::from_utf8_lossy(input);
    let segments = xml_segments(&text);
    match rng.below(8) {
        0 | 1 => element_op(&segments, rng),
        2 => segment_op(&segments, rng),
        3 => insert_text(&text, pick(XML_SNIPPETS, rng), rng).into_bytes(),
        4 => rename_tag(&segments, dict, rng),
        5 => {
            let name = dict.pick(rng);
            let depth = 1 + rng.below(600) as usize;
            let open = format!("<{name}>").repeat(depth);
            insert_text(&text, &open, rng).into_bytes()
        }
        6 => {
            let mut out = LATIN1_DECLARATION.as_bytes().to_vec();
            out.extend_from_slice(input);
            out.extend_from_slice(b"\xe9\xff");
            out
        }
        _ => insert_text(&text, &format!("<{0}>{0}</{0}>", dict.pick(rng)), rng).into_bytes(),
    }
}

/// `<…>` tags and the text between them.
fn xml_segments(text: &str) -> Vec<&str> {
    let mut segments = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = if rest.starts_with('<') {
            rest.find('>').map_or(rest.len(), |i| i + 1)
        } else {
            rest.find('<').unwrap_or(rest.len())
        };
        segments.push(&rest[..end]);
        rest = &rest[end..];
    }
    segments
}

/// Drops or duplicates one whole element (start tag to its end tag).
fn element_op(segments: &[&str], rng: &mut SplitMix64) -> Vec<u8> {
    let starts: Vec<usize> = (0..segments.len())
        .filter(|&i| segments[i].starts_with('<') && !segments[i].starts_with("</"))
        .collect();
    if starts.is_empty() {
        return segments.concat().into_bytes();
    }
    let start = starts[rng.below(starts.len() as u64) as usize];
    let name = tag_name(segments[start]);
    let close = format!("</{name}>");
    let end = (start..segments.len())
        .find(|&i| segments[i] == close || segments[i].ends_with("/>") && i == start)
        .unwrap_or(start);
    let mut out: Vec<&str> = segments[..start].to_vec();
    if rng.below(2) == 0 {
        let copies = 2 + rng.below(3) as usize;
        for _ in 0..copies {
            out.extend_from_slice(&segments[start..=end]);
        }
    }
    out.extend_from_slice(&segments[end + 1..]);
    out.concat().into_bytes()
}

fn tag_name(tag: &str) -> &str {
    tag.trim_start_matches(['<', '/'])
        .split([' ', '>', '/', '\t', '\n'])
        .next()
        .unwrap_or("")
}

/// Drops, duplicates or swaps single segments (unbalancing the tree).
fn segment_op(segments: &[&str], rng: &mut SplitMix64) -> Vec<u8> {
    let mut out = segments.to_vec();
    if out.is_empty() {
        return Vec::new();
    }
    let at = rng.below(out.len() as u64) as usize;
    match rng.below(3) {
        0 => {
            out.remove(at);
        }
        1 => out.insert(at, segments[at]),
        _ => out.swap(at, rng.below(segments.len() as u64) as usize),
    }
    out.concat().into_bytes()
}

fn rename_tag(segments: &[&str], dict: &Dictionary, rng: &mut SplitMix64) -> Vec<u8> {
    let tags: Vec<usize> = (0..segments.len())
        .filter(|&i| segments[i].starts_with('<'))
        .collect();
    let mut out: Vec<String> = segments.iter().map(|s| s.to_string()).collect();
    if let Some(&at) = tags.get(rng.below(tags.len() as u64) as usize) {
        let name = tag_name(segments[at]);
        if !name.is_empty() {
            out[at] = segments[at].replacen(name, dict.pick(rng), 1);
        }
    }
    out.concat().into_bytes()
}

// -- TOML --------------------------------------------------------------------

const TOML_VALUES: &[&str] = &[
    "\"\"",
    "\"x\"",
    "0",
    "-1",
    "4",
    "5",
    "99999999999999999999",
    "9223372036854775807",
    "1e400",
    "nan",
    "inf",
    "true",
    "[]",
    "[1, \"a\", {}]",
    "{}",
    "{ id = 1202, vms = [301] }",
    "[1201, { id = -1, vms = [\"a\"] }]",
    "1979-05-27T07:32:00Z",
    "\"clc\"",
    "\"controlepaneel\"",
    "\"i3d\"",
    "\"hostbill\"",
    "\"xml\"",
    "\"jwt\"",
    "\"get\"",
    "\"ctrl-d\"",
    "[\"ctrl-r\", \"F5\", \"\"]",
    "\"ü\"",
    "\"http://\"",
    "\"not a url\"",
    "'''multi\nline'''",
];

const TOML_LINES: &[&str] = &[
    "[[accounts]]",
    "[keys]",
    "[accounts]",
    "[[keys]]",
    "[unknown]",
    "[[accounts]]\nname = \"x\"\nkind = \"i3d\"",
    "key = ",
    "= 1",
    "a.b.c = 1",
    "\"quoted key\" = 1",
];

fn toml(input: &[u8], dict: &Dictionary, rng: &mut SplitMix64) -> Vec<u8> {
    let text = String::from_utf8_lossy(input);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = rng.below(lines.len() as u64 + 1) as usize;
    match rng.below(6) {
        0 if at < lines.len() => {
            lines.remove(at);
        }
        1 if at < lines.len() => {
            let copy = lines[at].clone();
            lines.insert(at, copy);
        }
        2 => lines.insert(at, pick(TOML_LINES, rng).to_string()),
        3 => {
            let line = format!("{} = {}", dict.pick(rng), pick(TOML_VALUES, rng));
            lines.insert(at, line);
        }
        _ => {
            let value = pick(TOML_VALUES, rng);
            let candidates: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].contains('='))
                .collect();
            if let Some(&i) = candidates.get(rng.below(candidates.len() as u64) as usize) {
                let key = lines[i].split('=').next().unwrap_or("").to_string();
                lines[i] = format!("{key}= {value}");
            }
        }
    }
    lines.join("\n").into_bytes()
}

// -- filter text -------------------------------------------------------------

const REGEX_FRAGMENTS: &[&str] = &[
    "!",
    "~",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "{2,}",
    "{99999}",
    "*",
    "+",
    "?",
    "|",
    "^",
    "$",
    "\\",
    "\\b",
    "\\B",
    "\\d",
    "\\p{L}",
    "\\P{Greek}",
    "\\x{10FFFF}",
    "\\u{0}",
    "(?i)",
    "(?-u)",
    "(?s:.)",
    "(?P<g>",
    "[^]",
    "[[:digit:]]",
    "[a-",
    ".*",
    "(a|aa)+",
    "ß",
    "İ",
    "😀",
    "\u{0}",
];

fn filter(input: &[u8], rng: &mut SplitMix64) -> Vec<u8> {
    let text = String::from_utf8_lossy(input);
    match rng.below(4) {
        0 => format!("{}{text}", pick(&["!", "~", "!~", "~!", "!!"], rng)).into_bytes(),
        1 => text.repeat(2 + rng.below(4) as usize).into_bytes(),
        _ => insert_text(&text, pick(REGEX_FRAGMENTS, rng), rng).into_bytes(),
    }
}
