//! The streaming reader under the controlepaneel decoder: list items come
//! out exactly as written (escapes, CDATA, blanks, unknown elements between
//! and inside items), and broken input inside a list is a clear error.

use hostdeck::provider::controlepaneel::pull::Pull;
use hostdeck::provider::controlepaneel::wire::{self, DomainsListItem, WireError};
use proptest::prelude::*;

fn domains(body: &str) -> Result<Vec<DomainsListItem>, WireError> {
    wire::parse_domains_list(body.as_bytes())
}

fn list_of(items: &str) -> String {
    format!("<Domains_List><Status>Success1</Status><Domains>{items}</Domains></Domains_List>")
}

#[test]
fn leaves_resolve_entities_character_references_and_cdata() {
    let items = domains(&list_of(
        "<Item><SLD> a&amp;b&#x41;&#66;&lt; </SLD><TLD><![CDATA[<nl>]]></TLD>\
         <Status>x<!-- note -->y</Status></Item>",
    ))
    .unwrap();
    assert_eq!(items[0].sld.as_deref(), Some("a&bAB<"));
    assert_eq!(items[0].tld.as_deref(), Some("<nl>"));
    assert_eq!(items[0].status.as_deref(), Some("xy"));
}

#[test]
fn blank_and_self_closed_leaves_are_none() {
    let items = domains(&list_of("<Item><SLD>  \n\t</SLD><TLD/></Item><Item/>")).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0], DomainsListItem::default());
    assert_eq!(items[1], DomainsListItem::default());
}

#[test]
fn unknown_elements_between_and_inside_items_are_skipped() {
    let items = domains(&list_of(
        "<Count>2</Count><Item><SLD>a</SLD><Extra><Deep>1</Deep></Extra></Item>\
         <Page><Item><SLD>not a domain</SLD></Item></Page><Item><SLD>b</SLD></Item>text",
    ))
    .unwrap();
    let slds: Vec<_> = items.iter().map(|i| i.sld.as_deref()).collect();
    assert_eq!(slds, [Some("a"), Some("b")]);
}

#[test]
fn broken_lists_are_malformed_with_the_reason() {
    let cut_off = "<Domains_List><Domains><Item><SLD>a</SLD>".to_string();
    let cases = [
        (cut_off, "ends inside <Item>"),
        (
            list_of("<Item><SLD>a<b>c</b></SLD></Item>"),
            "<SLD> holds elements",
        ),
        (
            list_of("<Item><SLD>&nbsp;</SLD></Item>"),
            "unknown entity &nbsp;",
        ),
        (list_of("<Item><SLD>a</TLD></Item>"), "TLD"),
    ];
    for (body, reason) in cases {
        let error = domains(&body).unwrap_err();
        let WireError::Malformed(text) = &error else {
            panic!("{body}: {error:?}");
        };
        assert!(text.contains(reason), "{body}: {text}");
    }
}

#[test]
fn the_whole_element_text_is_handed_to_serde_unchanged() {
    let text = "<?xml version=\"1.0\"?>\n<A><B x=\"1\">b<C/></B><D/></A>";
    let mut pull = Pull::new(text);
    assert_eq!(pull.next_child().unwrap(), Some(&b"A"[..]));
    assert_eq!(pull.next_child().unwrap(), Some(&b"B"[..]));
    assert_eq!(pull.element_text().unwrap(), "<B x=\"1\">b<C/></B>");
    assert_eq!(pull.next_child().unwrap(), Some(&b"D"[..]));
    assert_eq!(pull.element_text().unwrap(), "<D/>");
    assert_eq!(pull.next_child().unwrap(), None);
    assert_eq!(pull.next_child().unwrap(), None);
    assert!(!pull.saw_text);
}

/// One item as a test writes it: the fields, and how each is spelled.
#[derive(Clone, Debug)]
struct Written {
    sld: Option<String>,
    status: Option<String>,
    noise: bool,
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn written() -> impl Strategy<Value = Written> {
    (
        proptest::option::of("[a-z0-9&<>'\" é-]{0,12}"),
        proptest::option::of("[A-Za-z]{1,8}"),
        any::<bool>(),
    )
        .prop_map(|(sld, status, noise)| Written { sld, status, noise })
}

fn xml_of(item: &Written) -> String {
    let mut xml = String::from("<Item>");
    if item.noise {
        xml.push_str("<Unknown><Nested>1</Nested></Unknown>\n  ");
    }
    if let Some(sld) = &item.sld {
        xml.push_str(&format!("<SLD> {} </SLD>", escaped(sld)));
    }
    if let Some(status) = &item.status {
        xml.push_str(&format!("<Status><![CDATA[{status}]]></Status>"));
    }
    xml.push_str("</Item>");
    if item.noise {
        xml.push_str("<Between/>");
    }
    xml
}

/// What the reader must give for a written value: trimmed, and `None`
/// when nothing is left.
fn expected(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

proptest! {
    #[test]
    fn any_written_list_reads_back_item_for_item(items in proptest::collection::vec(written(), 0..30)) {
        let body = list_of(&items.iter().map(xml_of).collect::<String>());
        let read = domains(&body).unwrap();
        prop_assert_eq!(read.len(), items.len());
        for (got, want) in read.iter().zip(&items) {
            prop_assert_eq!(&got.sld, &expected(&want.sld));
            prop_assert_eq!(&got.status, &expected(&want.status));
        }
    }
}
