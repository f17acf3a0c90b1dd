//! The XML form of the CLC API: a small walker that turns an XML answer into
//! the same JSON-like value the JSON form decodes to, and the writer of XML
//! request bodies.
//!
//! Mapping (digest §1.5): the root element becomes the value; an element's
//! attributes and child elements become its fields; a repeated child becomes
//! a list; an element with neither attributes nor children becomes its text.
//! List wrappers (`<Servers><Server/>…</Servers>`) are unwrapped by
//! [`crate::provider::lenient::list`], so JSON arrays and XML wrappers read alike.

use quick_xml::encoding::Decoder;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde_json::{Map, Value};

/// Deepest element nesting accepted; deeper input is refused (the answers
/// of this API nest five levels at most).
pub const MAX_DEPTH: usize = 32;

/// One open element while walking.
struct Frame {
    name: String,
    fields: Map<String, Value>,
    text: String,
    has_children: bool,
}

impl Frame {
    fn open(start: &BytesStart<'_>, decoder: Decoder) -> Result<Frame, String> {
        let name = utf8(start.local_name().as_ref())?;
        let mut fields = Map::new();
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| e.to_string())?;
            let key = attribute.key;
            if key.as_ref() == b"xmlns" || key.prefix().is_some_and(|p| p.as_ref() == b"xmlns") {
                continue;
            }
            let value = attribute
                .decode_and_unescape_value(decoder)
                .map_err(|e| e.to_string())?;
            fields.insert(
                utf8(key.local_name().as_ref())?,
                Value::String(value.into_owned()),
            );
        }
        Ok(Frame {
            name,
            fields,
            text: String::new(),
            has_children: false,
        })
    }

    fn close(self) -> (String, Value) {
        let value = if self.fields.is_empty() && !self.has_children {
            Value::String(self.text.trim().to_string())
        } else {
            Value::Object(self.fields)
        };
        (self.name, value)
    }

    /// Adds a child; a repeated name turns the field into a list.
    fn add_child(&mut self, name: String, value: Value) {
        self.has_children = true;
        match self.fields.get_mut(&name) {
            None => {
                self.fields.insert(name, value);
            }
            Some(Value::Array(items)) => items.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
        }
    }
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|_| "element or attribute name is not UTF-8".to_string())
}

/// The walk in progress: open elements and the finished root.
#[derive(Default)]
struct Walk {
    stack: Vec<Frame>,
    root: Option<Value>,
}

impl Walk {
    fn open(&mut self, start: &BytesStart<'_>, decoder: Decoder) -> Result<(), String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!("elements nested deeper than {MAX_DEPTH}"));
        }
        if self.stack.is_empty() && self.root.is_some() {
            return Err("more than one root element".into());
        }
        self.stack.push(Frame::open(start, decoder)?);
        Ok(())
    }

    fn close(&mut self) -> Result<(), String> {
        let frame = self
            .stack
            .pop()
            .ok_or("closing tag without an open element")?;
        let (name, value) = frame.close();
        match self.stack.last_mut() {
            Some(parent) => parent.add_child(name, value),
            None => self.root = Some(value),
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), String> {
        match self.stack.last_mut() {
            Some(frame) => frame.text.push_str(text),
            None if text.trim().is_empty() => {}
            None => return Err("text outside the root element".into()),
        }
        Ok(())
    }

    fn finish(self) -> Result<Value, String> {
        if let Some(open) = self.stack.last() {
            return Err(format!("the answer ends inside <{}>", open.name));
        }
        self.root
            .ok_or_else(|| "no XML element in the answer".to_string())
    }
}

/// Decodes an XML answer into a value (see the module doc for the mapping).
pub fn to_value(xml: &str) -> Result<Value, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut walk = Walk::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(start) => walk.open(&start, reader.decoder())?,
            Event::Empty(start) => {
                walk.open(&start, reader.decoder())?;
                walk.close()?;
            }
            Event::End(_) => walk.close()?,
            Event::Text(text) => walk.text(&text.decode().map_err(|e| e.to_string())?)?,
            Event::CData(data) => walk.text(&data.decode().map_err(|e| e.to_string())?)?,
            Event::GeneralRef(reference) => walk.text(&resolve_reference(&reference)?)?,
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    walk.finish()
}

/// `&amp;`, `&#38;`, `&#x26;` and the other predefined references.
fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> Result<String, String> {
    if let Some(ch) = reference.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(ch.to_string());
    }
    let name = reference.decode().map_err(|e| e.to_string())?;
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| format!("unknown XML entity &{name};"))
}

/// Writes `value` as an XML element named `name`: an object becomes one
/// child element per field (in order, `null` fields left out), a list
/// repeats the element, anything else becomes escaped text.
pub fn element(name: &str, value: &Value) -> String {
    let mut out = String::new();
    write_element(&mut out, name, value);
    out
}

fn write_element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => items.iter().for_each(|item| write_element(out, name, item)),
        Value::Object(fields) => {
            out.push_str(&format!("<{name}>"));
            for (key, field) in fields {
                write_element(out, key, field);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::String(text) => {
            let text = quick_xml::escape::escape(text.as_str());
            out.push_str(&format!("<{name}>{text}</{name}>"));
        }
        Value::Bool(_) | Value::Number(_) => out.push_str(&format!("<{name}>{value}</{name}>")),
    }
}
