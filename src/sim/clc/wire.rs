//! The CLC v1 wire as the document describes it: request parameters from a
//! JSON, XML or form body or the query string; answers as a small tree that
//! renders to the document's JSON shape or its XML shape (envelope and
//! scalars as attributes, lists as wrapper + item elements).

use super::dates;
use axum::http::{header, HeaderMap};
use quick_xml::events::Event;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The answer format asked for by the URL's format segment or the Content-Type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// `JSON` / `XML` (any case) from the URL's last segment.
    pub fn from_segment(segment: &str) -> Option<Format> {
        match segment.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "xml" => Some(Format::Xml),
            _ => None,
        }
    }

    /// Without a format segment the Content-Type decides: a JSON type ->
    /// JSON, anything else (text/xml, none at all) -> XML, as the real
    /// service answers CenturyLink's own SDK, which logs on with no
    /// Content-Type and reads the answer as XML.
    pub fn from_headers(headers: &HeaderMap) -> Format {
        if content_type(headers).contains("json") {
            Format::Json
        } else {
            Format::Xml
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::Xml => "text/xml; charset=utf-8",
        }
    }
}

fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Request attributes, looked up case-insensitively by name.
#[derive(Debug, Default)]
pub struct Params(HashMap<String, String>);

/// The body could not be read as the format it claims (StatusCode 3).
#[derive(Debug)]
pub struct BadFormat;

impl Params {
    /// Collects the query string and the body (JSON, XML or form).
    pub fn parse(
        query: Option<&str>,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Params, BadFormat> {
        let mut params = Params::default();
        if let Some(query) = query {
            params.extend(parse_urlencoded(query));
        }
        let text = std::str::from_utf8(body).map_err(|_| BadFormat)?;
        if text.trim().is_empty() {
            return Ok(params);
        }
        let pairs = match body_kind(&content_type(headers), text) {
            BodyKind::Json => parse_json(text)?,
            BodyKind::Xml => parse_xml(text)?,
            BodyKind::Form => parse_urlencoded(text),
        };
        params.extend(pairs);
        Ok(params)
    }

    fn extend(&mut self, pairs: Vec<(String, String)>) {
        for (name, value) in pairs {
            self.0.insert(name.to_ascii_lowercase(), value);
        }
    }

    /// The attribute's value, if present and not blank.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.0
            .get(&name.to_ascii_lowercase())
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A Boolean attribute (`true`/`false`/`1`/`0`, any case).
    pub fn boolean(&self, name: &str) -> Option<bool> {
        match self.text(name)?.to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }
    }

    /// An integer attribute (numbers sent as strings are accepted, as the examples do).
    pub fn int(&self, name: &str) -> Option<i64> {
        self.text(name)?.parse().ok()
    }
}

enum BodyKind {
    Json,
    Xml,
    Form,
}

fn body_kind(content_type: &str, text: &str) -> BodyKind {
    if content_type.contains("xml") {
        BodyKind::Xml
    } else if content_type.contains("x-www-form-urlencoded") {
        BodyKind::Form
    } else if content_type.contains("json") {
        BodyKind::Json
    } else {
        sniff(text)
    }
}

fn sniff(text: &str) -> BodyKind {
    match text.trim_start().chars().next() {
        Some('<') => BodyKind::Xml,
        Some('{') => BodyKind::Json,
        _ => BodyKind::Form,
    }
}

fn parse_json(text: &str) -> Result<Vec<(String, String)>, BadFormat> {
    let Ok(Value::Object(object)) = serde_json::from_str::<Value>(text) else {
        return Err(BadFormat);
    };
    Ok(object
        .into_iter()
        .filter_map(|(name, value)| json_scalar(value).map(|v| (name, v)))
        .collect())
}

fn json_scalar(value: Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

/// A root element with one child element per attribute; deeper nesting is ignored.
fn parse_xml(text: &str) -> Result<Vec<(String, String)>, BadFormat> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut pairs = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<(String, String)> = None;
    loop {
        match reader.read_event().map_err(|_| BadFormat)? {
            Event::Start(start) => {
                depth += 1;
                if depth == 2 {
                    let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                    current = Some((name, String::new()));
                }
            }
            Event::Empty(empty) if depth == 1 => {
                let name = String::from_utf8_lossy(empty.local_name().as_ref()).into_owned();
                pairs.push((name, String::new()));
            }
            Event::Text(t) if depth == 2 => {
                push_text(&mut current, &t.decode().map_err(|_| BadFormat)?)
            }
            Event::CData(t) if depth == 2 => {
                let raw = t.decode().map_err(|_| BadFormat)?;
                push_text(&mut current, &quick_xml::escape::escape(raw.as_ref()));
            }
            Event::GeneralRef(r) if depth == 2 => {
                push_text(
                    &mut current,
                    &format!("&{};", r.decode().map_err(|_| BadFormat)?),
                );
            }
            Event::End(_) => {
                if depth == 2 {
                    pairs.push(finish_text(current.take())?);
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(BadFormat);
    }
    Ok(pairs)
}

fn push_text(current: &mut Option<(String, String)>, raw: &str) {
    if let Some((_, text)) = current {
        text.push_str(raw);
    }
}

fn finish_text(current: Option<(String, String)>) -> Result<(String, String), BadFormat> {
    let (name, raw) = current.ok_or(BadFormat)?;
    let value = quick_xml::escape::unescape(&raw).map_err(|_| BadFormat)?;
    Ok((name, value.into_owned()))
}

/// `a=1&b=two+words` with percent-decoding (query strings and form bodies).
pub fn parse_urlencoded(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match hex_pair(&bytes[i + 1..]) {
                Some(byte) => {
                    out.push(byte);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_pair(bytes: &[u8]) -> Option<u8> {
    let text = std::str::from_utf8(bytes.get(..2)?).ok()?;
    u8::from_str_radix(text, 16).ok()
}

/// A scalar value of an answer.
#[derive(Clone, Debug)]
pub enum Val {
    /// Rendered as is in JSON and as its text in XML.
    Plain(Value),
    /// A timestamp (ms since the epoch): `\/Date(ms)\/` in JSON, ISO text in XML.
    Date(i64),
    /// Different in the two formats (e.g. `AddressType` 1 in JSON, "RIP" in XML).
    Split(Value, String),
}

impl Val {
    fn json(&self) -> Value {
        match self {
            Val::Plain(value) => value.clone(),
            Val::Date(ms) => Value::String(format!("{DATE_MARK}{ms}{DATE_END}")),
            Val::Split(json, _) => json.clone(),
        }
    }

    fn xml(&self) -> String {
        match self {
            Val::Plain(Value::String(s)) => s.clone(),
            Val::Plain(Value::Null) => String::new(),
            Val::Plain(other) => other.to_string(),
            Val::Date(ms) => dates::iso(*ms),
            Val::Split(_, xml) => xml.clone(),
        }
    }
}

impl<T: Into<Value>> From<T> for Val {
    fn from(value: T) -> Self {
        Val::Plain(value.into())
    }
}

// Dates are serialised with these markers and rewritten to `\/Date(ms)\/`
// afterwards (serde_json escapes U+0001 as `\u0001`).
const DATE_MARK: &str = "\u{1}Date(";
const DATE_END: &str = ")\u{1}";
const JSON_DATE_MARK: &str = "\\u0001Date(";
const JSON_DATE_END: &str = ")\\u0001";

/// How a list looks in XML.
#[derive(Clone, Copy, Debug)]
pub enum XmlList {
    /// `<Wrapper><Item/>..</Wrapper>`
    Wrapped(&'static str, &'static str),
    /// `<Item/><Item/>` with no wrapper (an empty list is one empty `<Item />`).
    Repeated(&'static str),
}

#[derive(Clone, Debug)]
enum Field {
    /// JSON property / XML attribute.
    Attr(&'static str, Val),
    /// JSON property / XML child element holding the text.
    Text(&'static str, Val),
    /// JSON object / XML child element.
    Child(&'static str, Obj),
    /// JSON array (or null when `None`) / XML per [`XmlList`].
    List(&'static str, XmlList, Option<Vec<Obj>>),
}

/// An object of an answer, built field by field in document order.
#[derive(Clone, Debug, Default)]
pub struct Obj(Vec<Field>);

impl Obj {
    pub fn new() -> Obj {
        Obj::default()
    }

    pub fn attr(mut self, name: &'static str, value: impl Into<Val>) -> Obj {
        self.0.push(Field::Attr(name, value.into()));
        self
    }

    pub fn date(self, name: &'static str, ms: i64) -> Obj {
        self.attr(name, Val::Date(ms))
    }

    pub fn text(mut self, name: &'static str, value: impl Into<Val>) -> Obj {
        self.0.push(Field::Text(name, value.into()));
        self
    }

    pub fn child(mut self, name: &'static str, child: Obj) -> Obj {
        self.0.push(Field::Child(name, child));
        self
    }

    pub fn list(mut self, name: &'static str, xml: XmlList, items: Vec<Obj>) -> Obj {
        self.0.push(Field::List(name, xml, Some(items)));
        self
    }

    /// A list the document shows as JSON `null` when it is empty.
    pub fn list_or_null(mut self, name: &'static str, xml: XmlList, items: Vec<Obj>) -> Obj {
        let items = if items.is_empty() { None } else { Some(items) };
        self.0.push(Field::List(name, xml, items));
        self
    }

    /// Appends the fields of `other`.
    pub fn extend(mut self, other: Obj) -> Obj {
        self.0.extend(other.0);
        self
    }

    fn to_json(&self) -> Value {
        let mut map = Map::new();
        for field in &self.0 {
            let (name, value) = match field {
                Field::Attr(name, v) | Field::Text(name, v) => (name, v.json()),
                Field::Child(name, child) => (name, child.to_json()),
                Field::List(name, _, None) => (name, Value::Null),
                Field::List(name, _, Some(items)) => {
                    (name, Value::Array(items.iter().map(Obj::to_json).collect()))
                }
            };
            map.insert(name.to_string(), value);
        }
        Value::Object(map)
    }

    fn write_xml(&self, element: &str, out: &mut String) {
        out.push('<');
        out.push_str(element);
        for field in &self.0 {
            if let Field::Attr(name, value) = field {
                out.push_str(&format!(
                    " {name}=\"{}\"",
                    quick_xml::escape::escape(value.xml())
                ));
            }
        }
        let mut inner = String::new();
        for field in &self.0 {
            write_inner(field, &mut inner);
        }
        if inner.is_empty() {
            out.push_str(" />");
        } else {
            out.push('>');
            out.push_str(&inner);
            out.push_str(&format!("</{element}>"));
        }
    }
}

fn write_inner(field: &Field, out: &mut String) {
    match field {
        Field::Attr(..) => {}
        Field::Text(name, value) => {
            let text = quick_xml::escape::escape(value.xml());
            out.push_str(&format!("<{name}>{text}</{name}>"));
        }
        Field::Child(name, child) => child.write_xml(name, out),
        Field::List(_, xml, items) => write_list(*xml, items.as_deref().unwrap_or(&[]), out),
    }
}

fn write_list(xml: XmlList, items: &[Obj], out: &mut String) {
    match xml {
        XmlList::Wrapped(wrapper, item) => {
            out.push_str(&format!("<{wrapper}>"));
            for obj in items {
                obj.write_xml(item, out);
            }
            out.push_str(&format!("</{wrapper}>"));
        }
        XmlList::Repeated(item) if items.is_empty() => out.push_str(&format!("<{item} />")),
        XmlList::Repeated(item) => items.iter().for_each(|obj| obj.write_xml(item, out)),
    }
}

/// Renders a whole answer: `root` is the XML root element (JSON has none).
pub fn render(format: Format, root: &str, body: &Obj) -> String {
    match format {
        Format::Json => {
            let text = body.to_json().to_string();
            text.replace(JSON_DATE_MARK, "\\/Date(")
                .replace(JSON_DATE_END, ")\\/")
        }
        Format::Xml => {
            let mut out = String::new();
            body.write_xml(root, &mut out);
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(content_type: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = content_type.parse() {
            headers.insert(header::CONTENT_TYPE, value);
        }
        headers
    }

    #[test]
    fn xml_bodies_give_one_parameter_per_child() {
        let body = b"<ServerRequest><AccountAlias>DEMO</AccountAlias><Name>A&amp;B</Name><Note><![CDATA[x<y]]></Note><Empty/></ServerRequest>";
        let params = Params::parse(None, &headers("text/xml"), body).expect("parsed");
        assert_eq!(params.text("accountalias"), Some("DEMO"));
        assert_eq!(params.text("Name"), Some("A&B"));
        assert_eq!(params.text("Note"), Some("x<y"));
        assert_eq!(params.text("Empty"), None);
    }

    #[test]
    fn broken_bodies_are_a_format_error() {
        assert!(Params::parse(None, &headers("text/xml"), b"<A><B>1</B>").is_err());
        assert!(Params::parse(None, &headers("application/json"), b"[1,2]").is_err());
        assert!(Params::parse(None, &headers("application/json"), b"{\"a\":").is_err());
        assert!(Params::parse(None, &headers(""), &[0xff, 0xfe]).is_err());
    }

    #[test]
    fn query_form_and_json_values_are_text() {
        let params = Params::parse(
            Some("Name=WA1%20X+Y&Bad=%zz"),
            &headers(""),
            b"{\"RequestID\": 50, \"Enable\": true, \"Gone\": null}",
        )
        .expect("parsed");
        assert_eq!(params.text("Name"), Some("WA1 X Y"));
        assert_eq!(params.text("Bad"), Some("%zz"));
        assert_eq!(params.int("RequestID"), Some(50));
        assert_eq!(params.boolean("Enable"), Some(true));
        assert_eq!(params.text("Gone"), None);
    }

    #[test]
    fn answers_render_in_both_shapes() {
        let item = Obj::new().attr("Address", "10.0.0.1").attr(
            "AddressType",
            Val::Split(serde_json::json!(1), "RIP".into()),
        );
        let body = Obj::new()
            .attr("Success", true)
            .attr("Message", "a \"quoted\" <text>")
            .date("StatusDate", 1_275_097_729_527)
            .text("RequestID", 7)
            .list(
                "IPAddresses",
                XmlList::Wrapped("IPAddresses", "IPAddress"),
                vec![item],
            )
            .list_or_null("CustomFields", XmlList::Repeated("CustomFields"), vec![]);
        let json = render(Format::Json, "Root", &body);
        assert!(
            json.contains(r#""StatusDate":"\/Date(1275097729527)\/""#),
            "{json}"
        );
        let value: Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value["IPAddresses"][0]["AddressType"], 1);
        assert_eq!(value["CustomFields"], Value::Null);
        assert_eq!(value["RequestID"], 7);
        let xml = render(Format::Xml, "Root", &body);
        assert_eq!(
            xml,
            "<Root Success=\"true\" Message=\"a &quot;quoted&quot; &lt;text&gt;\" \
             StatusDate=\"2010-05-29T01:48:49.527\"><RequestID>7</RequestID>\
             <IPAddresses><IPAddress Address=\"10.0.0.1\" AddressType=\"RIP\" /></IPAddresses>\
             <CustomFields /></Root>"
        );
    }

    proptest::proptest! {
        #[test]
        fn no_request_makes_the_parser_panic(
            body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
            query in ".{0,40}",
            kind in 0usize..4,
        ) {
            let content_type = ["text/xml", "application/json", "application/x-www-form-urlencoded", ""][kind];
            let _ = Params::parse(Some(&query), &headers(content_type), &body);
        }

        #[test]
        fn no_text_makes_the_date_parser_panic(text in "[0-9]{1,20}[-:][0-9]{1,3}[-:][0-9]{1,3}[T ]?[0-9:.Zé]{0,16}|.{0,30}") {
            let _ = dates::parse(&text);
        }
    }
}
