//! One configured account as the console and the headless commands see
//! it: its name, provider kind, read-only switch, health and capabilities.

use super::{Capability, Health, ProviderKind};

/// One configured account as the console shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountInfo {
    pub name: String,
    pub kind: ProviderKind,
    pub read_only: bool,
    pub health: Health,
    /// What the provider offers beyond servers (see [`Capability`]).
    pub capabilities: Vec<Capability>,
}

impl AccountInfo {
    pub fn new(name: impl Into<String>, kind: ProviderKind, read_only: bool) -> Self {
        AccountInfo {
            name: name.into(),
            kind,
            read_only,
            health: Health::default(),
            capabilities: Vec::new(),
        }
    }

    pub fn with_capabilities(mut self, capabilities: Vec<Capability>) -> Self {
        self.capabilities = capabilities;
        self
    }

    pub fn offers(&self, capability: Capability) -> bool {
        self.capabilities.contains(&capability)
    }
}
