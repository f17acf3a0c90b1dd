//! Forms: multi-field editors for commands that take input (a PTR record,
//! nameservers, domain contacts, a contact's details).

/// Which form to open; each resolves its object from the current selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    /// The PTR record (and remarks) of an IP of the selected server.
    Ptr,
    /// The 2 or 3 nameservers of the selected domain.
    Nameservers,
    /// The owner, admin and tech handles of the selected domain.
    DomainContacts,
    /// A new domain contact.
    NewContact,
    /// The selected domain contact.
    EditContact,
}
