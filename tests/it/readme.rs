//! The README's key table is the binding table's: this test fails when
//! they differ. `HOSTDECK_UPDATE_README=1 cargo test readme` rewrites it.

use hostdeck::app::bindings::markdown_table;

const START: &str = "<!-- keys:start (generated from the binding table, app::bindings::all) -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn readme_key_table_is_the_binding_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find(START).expect("the README marks its key table") + START.len();
    let end = start + readme[start..].find(END).expect("the key table ends");
    let table = markdown_table();
    if std::env::var_os("HOSTDECK_UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "the README's key table differs from the binding table; run HOSTDECK_UPDATE_README=1 cargo test readme"
    );
}
