//! Form intents: opening a form on the selected object, editing it, and
//! turning a valid form into a command.

use super::*;
use crate::app::form::FormKind;

impl Store {
    pub(super) fn open_form(&mut self, kind: FormKind) -> Vec<Effect> {
        // Scaffolding until the forms land: say so plainly.
        self.flash(FlashLevel::Warn, format!("{kind:?} form: not built yet"));
        Vec::new()
    }
}
