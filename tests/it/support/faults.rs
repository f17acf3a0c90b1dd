//! The faults every provider test injects the same way.

use hostdeck::provider::ErrorKind;
use hostdeck::sim::Faults;

/// A fault that spoils every whole answer, with the error kind a provider
/// must report for it: an HTTP 503, a garbled body, a connection dropped
/// mid-body.
pub fn whole_answer_faults() -> [(Faults, ErrorKind); 3] {
    let fault = |change: fn(&mut Faults)| {
        let mut faults = Faults::default();
        change(&mut faults);
        faults
    };
    [
        (fault(|f| f.http_status = Some(503)), ErrorKind::Http),
        (fault(|f| f.malformed_body = true), ErrorKind::Parse),
        (fault(|f| f.drop_mid_body = true), ErrorKind::Transport),
    ]
}
