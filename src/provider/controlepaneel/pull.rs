//! A streaming reader over one decoded answer: it splits the answer into
//! its top-level elements (the auth blocks and the action's element) and
//! reads long lists of flat `<Item>`s without serde, which is what keeps a
//! 10,000-domain `domains list` fast. Everything else still goes through
//! serde, one element at a time ([`serde_element`]).
//!
//! The reading rules are the decoder's (see [`super::wire`]): leaves are
//! trimmed text and `None` when empty, unknown elements are skipped
//! wherever they stand (also between list items), and anything that is not
//! well-formed XML is [`WireError::Malformed`].

use super::error::WireError;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, Event};
use quick_xml::name::QName;
use quick_xml::Reader;
use serde::de::DeserializeOwned;
use std::borrow::Cow;

/// An answer type, read from its element (whose start tag was just read).
pub trait FromAnswer: Sized {
    fn from_answer(pull: &mut Pull<'_>) -> Result<Self, WireError>;
}

/// A list item whose fields are all leaves.
pub trait FlatItem: Default {
    /// The field `element` fills, or `None` for an element the item does
    /// not know (skipped).
    fn field(&mut self, element: &[u8]) -> Option<&mut Option<String>>;
}

/// Reads `xml`, one whole element, into `T` with serde.
pub fn serde_element<T: DeserializeOwned>(xml: &str) -> Result<T, WireError> {
    quick_xml::de::from_str(xml).map_err(|e| WireError::Malformed(e.to_string()))
}

/// A pull reader positioned somewhere inside an answer.
pub struct Pull<'a> {
    text: &'a str,
    reader: Reader<&'a [u8]>,
    /// The names of the elements open around the reading position.
    open: Vec<&'a [u8]>,
    /// Where the element opened last starts (its `<`).
    opened_at: usize,
    /// Whether text (other than blanks) stood between elements.
    pub saw_text: bool,
}

impl<'a> Pull<'a> {
    pub fn new(text: &'a str) -> Pull<'a> {
        let mut reader = Reader::from_str(text);
        reader.config_mut().expand_empty_elements = true;
        Pull {
            text,
            reader,
            open: Vec::new(),
            opened_at: 0,
            saw_text: false,
        }
    }

    /// Opens the next child of the current element and returns its name;
    /// `None` once the current element (or, at the top, the answer) ends.
    pub fn next_child(&mut self) -> Result<Option<&'a [u8]>, WireError> {
        loop {
            let at = self.position();
            match self.event()? {
                Event::Start(start) => {
                    let name_len = start.name().as_ref().len();
                    let name = &self.text.as_bytes()[at + 1..at + 1 + name_len];
                    self.open.push(name);
                    self.opened_at = at;
                    return Ok(Some(name));
                }
                Event::End(_) => {
                    self.open.pop();
                    return Ok(None);
                }
                Event::Eof => return self.at_eof().map(|()| None),
                Event::Text(text) => self.saw_text |= !text.iter().all(u8::is_ascii_whitespace),
                Event::CData(_) => self.saw_text = true,
                Event::GeneralRef(reference) => {
                    resolve(&reference)?;
                    self.saw_text = true;
                }
                _ => {}
            }
        }
    }

    /// The text of the element just opened, trimmed; `None` when empty.
    pub fn leaf(&mut self) -> Result<Option<String>, WireError> {
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        loop {
            match self.event()? {
                Event::Text(part) => append(&mut text, part.xml_content().map_err(malformed)?),
                Event::CData(part) => append(&mut text, part.xml_content().map_err(malformed)?),
                Event::GeneralRef(reference) => text.to_mut().push_str(&resolve(&reference)?),
                Event::End(_) => break,
                Event::Start(_) => return Err(self.not_a_leaf()),
                Event::Eof => return self.at_eof().map(|()| None),
                _ => {}
            }
        }
        self.open.pop();
        let trimmed = text.trim();
        Ok((!trimmed.is_empty()).then(|| trimmed.to_string()))
    }

    /// Skips the element just opened, with everything in it.
    pub fn skip(&mut self) -> Result<(), WireError> {
        self.element_text().map(|_| ())
    }

    /// The whole element just opened, start tag to end tag, for serde.
    pub fn element_text(&mut self) -> Result<&'a str, WireError> {
        let start = self.opened_at;
        let Some(name) = self.open.pop() else {
            return Err(WireError::Malformed("no element is open".into()));
        };
        self.reader.read_to_end(QName(name)).map_err(malformed)?;
        Ok(&self.text[start..self.position()])
    }

    /// The `<Item>`s of the list element just opened. Other elements
    /// between them are skipped.
    pub fn items<I: FlatItem>(&mut self) -> Result<Vec<I>, WireError> {
        let mut items = Vec::new();
        while let Some(name) = self.next_child()? {
            if name == b"Item" {
                items.push(self.flat_item()?);
            } else {
                self.skip()?;
            }
        }
        Ok(items)
    }

    fn flat_item<I: FlatItem>(&mut self) -> Result<I, WireError> {
        let mut item = I::default();
        while let Some(name) = self.next_child()? {
            match item.field(name) {
                Some(field) => *field = self.leaf()?,
                None => self.skip()?,
            }
        }
        Ok(item)
    }

    fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    fn event(&mut self) -> Result<Event<'a>, WireError> {
        self.reader.read_event().map_err(malformed)
    }

    /// The end of the answer: fine at the top, an error inside an element.
    fn at_eof(&self) -> Result<(), WireError> {
        match self.open.last() {
            None => Ok(()),
            Some(name) => Err(WireError::Malformed(format!(
                "the answer ends inside <{}>",
                String::from_utf8_lossy(name)
            ))),
        }
    }

    fn not_a_leaf(&self) -> WireError {
        let name = self.open.last().map(|n| String::from_utf8_lossy(n));
        WireError::Malformed(format!(
            "<{}> holds elements where text was expected",
            name.unwrap_or_default()
        ))
    }
}

/// Adds `part` to `text`, borrowing while there is only one part.
fn append<'a>(text: &mut Cow<'a, str>, part: Cow<'a, str>) {
    if text.is_empty() {
        *text = part;
    } else {
        text.to_mut().push_str(&part);
    }
}

/// The text an entity or character reference stands for.
fn resolve(reference: &BytesRef) -> Result<Cow<'static, str>, WireError> {
    if let Some(char) = reference.resolve_char_ref().map_err(malformed)? {
        return Ok(Cow::Owned(char.to_string()));
    }
    let name = reference.decode().map_err(malformed)?;
    resolve_predefined_entity(&name)
        .map(Cow::Borrowed)
        .ok_or_else(|| WireError::Malformed(format!("unknown entity &{name};")))
}

fn malformed(error: impl std::fmt::Display) -> WireError {
    WireError::Malformed(error.to_string())
}
