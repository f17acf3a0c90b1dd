//! One configured account as the console and the headless commands see
//! it: its name, provider kind, read-only switch, health and capabilities.

use super::{Capability, Health, Offering, ProviderKind};

/// One configured account as the console shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountInfo {
    pub name: String,
    pub kind: ProviderKind,
    pub read_only: bool,
    pub health: Health,
    /// What the provider offers beyond servers (see [`Capability`]).
    pub capabilities: Vec<Capability>,
    /// Whether the provider has power actions at all (each server then
    /// lists those it offers now). True unless the account says otherwise.
    pub power: bool,
}

impl AccountInfo {
    pub fn new(name: impl Into<String>, kind: ProviderKind, read_only: bool) -> Self {
        AccountInfo {
            name: name.into(),
            kind,
            read_only,
            health: Health::default(),
            capabilities: Vec::new(),
            power: true,
        }
    }

    pub fn with_capabilities(mut self, capabilities: Vec<Capability>) -> Self {
        self.capabilities = capabilities;
        self
    }

    /// Whether the provider has power actions at all.
    pub fn with_power(mut self, power: bool) -> Self {
        self.power = power;
        self
    }

    pub fn offers(&self, capability: Capability) -> bool {
        self.capabilities.contains(&capability)
    }

    /// Whether the provider offers `what` at all.
    pub fn offers_at_all(&self, what: Offering) -> bool {
        match what {
            Offering::Power => self.power,
            Offering::Capability(capability) => self.offers(capability),
        }
    }
}
