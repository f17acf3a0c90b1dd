//! A probe for the PTY tests: enters the console's terminal mode (raw,
//! alternate screen, hidden cursor) and then panics, so a test can check
//! that the panic hook put the terminal back before the message printed.

fn main() {
    let _terminal = hostdeck::app::terminal::enter().expect("enter the terminal");
    std::thread::sleep(std::time::Duration::from_millis(300));
    panic!("probe panic: the terminal must be restored");
}
