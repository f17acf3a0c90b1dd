//! A small XML element tree for the simulator's answers: elements hold
//! either text or child elements, and render tab-indented like the
//! document's examples, with text escaped and an XML declaration on top.

/// One element: text, or children (no children renders as `<X></X>`).
#[derive(Clone, Debug, PartialEq)]
pub struct El {
    name: &'static str,
    body: Body,
}

#[derive(Clone, Debug, PartialEq)]
enum Body {
    Text(String),
    Children(Vec<El>),
}

impl El {
    /// An element without children yet.
    pub fn new(name: &'static str) -> El {
        El {
            name,
            body: Body::Children(Vec::new()),
        }
    }

    /// A text element.
    pub fn leaf(name: &'static str, text: impl Into<String>) -> El {
        El {
            name,
            body: Body::Text(text.into()),
        }
    }

    /// Adds a text child.
    pub fn text(self, name: &'static str, text: impl Into<String>) -> El {
        self.child(El::leaf(name, text))
    }

    /// Adds a child element (ignored on a text element).
    pub fn child(mut self, child: El) -> El {
        if let Body::Children(children) = &mut self.body {
            children.push(child);
        }
        self
    }

    /// Adds several child elements.
    pub fn children(self, children: impl IntoIterator<Item = El>) -> El {
        children.into_iter().fold(self, El::child)
    }

    /// `name` holding one `<Item>` per entry.
    pub fn items(name: &'static str, items: impl IntoIterator<Item = El>) -> El {
        El::new(name).children(items)
    }

    /// The whole answer: declaration and this element as the root.
    pub fn document(&self) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        self.write(0, &mut out);
        out
    }

    fn write(&self, depth: usize, out: &mut String) {
        indent(depth, out);
        out.push('<');
        out.push_str(self.name);
        out.push('>');
        match &self.body {
            Body::Text(text) => out.push_str(&quick_xml::escape::escape(text.as_str())),
            Body::Children(children) if children.is_empty() => {}
            Body::Children(children) => {
                out.push('\n');
                for child in children {
                    child.write(depth + 1, out);
                }
                indent(depth, out);
            }
        }
        out.push_str("</");
        out.push_str(self.name);
        out.push_str(">\n");
    }
}

fn indent(depth: usize, out: &mut String) {
    out.extend(std::iter::repeat_n('\t', depth));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_nested_elements_with_escaped_text() {
        let doc = El::new("Root")
            .text("Status", "Success1")
            .child(El::new("Input").text("SLD", "a&b<c>"))
            .child(El::new("Empty"))
            .document();
        assert_eq!(
            doc,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Root>\n\t<Status>Success1</Status>\n\t<Input>\n\t\t<SLD>a&amp;b&lt;c&gt;</SLD>\n\t</Input>\n\t<Empty></Empty>\n</Root>\n"
        );
    }
}
