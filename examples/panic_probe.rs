//! A probe for the PTY and canary tests. Without arguments it enters the
//! console's terminal mode (raw, alternate screen, hidden cursor) and then
//! panics, so a test can check that the panic hook put the terminal back
//! before the message printed. With a config file it reads the config and
//! panics with the whole of it in the message, so a test can check that no
//! secret reaches panic text.

fn main() {
    if let Some(path) = std::env::args().nth(1) {
        let config = hostdeck::config::Config::load(std::path::Path::new(&path));
        panic!("probe panic with the config in reach: {config:?}");
    }
    let _terminal = hostdeck::app::terminal::enter().expect("enter the terminal");
    std::thread::sleep(std::time::Duration::from_millis(300));
    panic!("probe panic: the terminal must be restored");
}
