//! Commands: every mutating request a user can send, provider-neutral.
//! A command travels inside a [`super::Job`]; its target is the job's `Ref`.

use super::{Action, Capability, ContactFields, NewTicket, ObjectKind, RecordFields};
use serde::{Deserialize, Serialize};

/// How a command must be confirmed before it is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirmation {
    /// Sent at once (a submitted form is its own confirmation).
    None,
    /// A dialog with Cancel focused.
    Dialog,
    /// A dialog where the object's name must be typed.
    TypeName,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// A power or maintenance action on a server.
    Power(Action),
    /// Sets the PTR record of an IP (target: the IP's `Ref`, id = address).
    SetPtr {
        hostname: String,
        /// The provider's internal remarks, written back with the PTR.
        remarks: Option<String>,
        /// The id of the server (or colocation) the address belongs to,
        /// where the provider needs it to find the address (i3d).
        #[serde(default)]
        server: Option<String>,
    },
    /// Requests a domain's transfer (EPP) code.
    RequestEpp,
    /// Brings the registrar lock to this state.
    SetLock {
        locked: bool,
    },
    /// Sets a domain's nameservers; never an empty list.
    SetNameservers {
        nameservers: Vec<String>,
    },
    /// Puts a domain back on the provider's default nameservers: a command
    /// of its own, so that no nameserver change resets them by accident.
    ResetNameservers,
    /// Sets the owner, admin and tech handles of a domain.
    SetDomainContacts {
        owner: String,
        admin: String,
        tech: String,
    },
    /// Cancels a domain at the end of its term, or at once.
    CancelDomain {
        immediate: bool,
    },
    /// Asks the provider for extra addresses for a server; the provider
    /// handles the request, nothing is assigned at once.
    RequestIps {
        ipv6: bool,
        count: u32,
        /// Why the addresses are needed (the provider requires one).
        reason: String,
    },
    AddContact(Box<ContactFields>),
    EditContact(Box<ContactFields>),
    DeleteContact,
    /// Replies to a ticket (target: the ticket). Sent once, never retried.
    ReplyTicket {
        body: String,
    },
    CloseTicket,
    ReopenTicket,
    /// Opens a new ticket (target: the account, with an empty id).
    OpenTicket(Box<NewTicket>),
    /// Adds a DNS record to a domain (target: the domain).
    AddRecord(Box<RecordFields>),
    /// Replaces DNS record `id` of a domain (target: the domain). `listed`
    /// is the record as it was listed when chosen, for providers whose ids
    /// are positions to check that `id` still names it.
    EditRecord {
        id: String,
        listed: Box<RecordFields>,
        fields: Box<RecordFields>,
    },
    /// Deletes DNS record `id` of a domain (target: the domain), `listed`
    /// as for [`Command::EditRecord`].
    DeleteRecord {
        id: String,
        listed: Box<RecordFields>,
    },
}

impl Command {
    /// The name used on the command line and in the audit log.
    pub fn cli_name(&self) -> &'static str {
        match self {
            Command::Power(action) => action.cli_name(),
            Command::SetPtr { .. } => "set-ptr",
            Command::RequestIps { .. } => "request-ip",
            Command::RequestEpp => "request-epp",
            Command::SetLock { locked: true } => "lock",
            Command::SetLock { locked: false } => "unlock",
            Command::SetNameservers { .. } => "set-ns",
            Command::ResetNameservers => "reset-ns",
            Command::SetDomainContacts { .. } => "set-contacts",
            Command::CancelDomain { immediate: false } => "cancel",
            Command::CancelDomain { immediate: true } => "cancel-direct",
            Command::AddContact(_) => "add-contact",
            Command::EditContact(_) => "edit-contact",
            Command::DeleteContact => "del-contact",
            Command::ReplyTicket { .. } => "reply",
            Command::CloseTicket => "close-ticket",
            Command::ReopenTicket => "reopen-ticket",
            Command::OpenTicket(_) => "open-ticket",
            Command::AddRecord(_) => "add-record",
            Command::EditRecord { .. } => "edit-record",
            Command::DeleteRecord { .. } => "delete-record",
        }
    }

    /// A human label for dialogs and the jobs pane.
    pub fn label(&self) -> String {
        match self {
            Command::Power(action) => action.label().to_string(),
            Command::SetPtr { hostname, .. } => format!("set PTR to {hostname}"),
            Command::RequestIps { ipv6, count, .. } => {
                format!("request {}", ip_amount(count, *ipv6))
            }
            Command::RequestEpp => "request transfer (EPP) code".into(),
            Command::SetLock { locked: true } => "lock".into(),
            Command::SetLock { locked: false } => "unlock".into(),
            Command::SetNameservers { nameservers } => {
                format!("set nameservers {}", nameservers.join(", "))
            }
            Command::ResetNameservers => "reset nameservers to the provider's defaults".into(),
            Command::SetDomainContacts { .. } => "change domain contacts".into(),
            Command::CancelDomain { immediate: false } => "cancel at end of term".into(),
            Command::CancelDomain { immediate: true } => "cancel immediately".into(),
            Command::AddContact(fields) => format!("add contact {}", fields.handle),
            Command::EditContact(fields) => format!("edit contact {}", fields.handle),
            Command::DeleteContact => "delete contact".into(),
            Command::ReplyTicket { .. } => "reply to ticket".into(),
            Command::CloseTicket => "close ticket".into(),
            Command::ReopenTicket => "reopen ticket".into(),
            // The job names the ticket by its subject already.
            Command::OpenTicket(_) => "open ticket".into(),
            Command::AddRecord(fields) => format!("add record {}", fields.describe()),
            Command::EditRecord { fields, .. } => format!("edit record {}", fields.describe()),
            // Not listed yet (a headless command refused before the read).
            Command::DeleteRecord { id, listed } if listed.record_type.is_empty() => {
                format!("delete record {id}")
            }
            Command::DeleteRecord { listed, .. } => format!("delete record {}", listed.describe()),
        }
    }

    /// Whether it changes a DNS record (of the domain it targets).
    pub fn is_record_command(&self) -> bool {
        matches!(
            self,
            Command::AddRecord(_) | Command::EditRecord { .. } | Command::DeleteRecord { .. }
        )
    }

    /// The label with the object's name, for messages and the jobs strip:
    /// `reboot web-1`, `request 2 IPv4 addresses for vps-web01`.
    pub fn label_on(&self, target_name: &str) -> String {
        let label = self.label();
        match self {
            Command::RequestIps { .. } => format!("{label} for {target_name}"),
            _ if self.is_record_command() => format!("{label} in {target_name}"),
            _ => format!("{label} {target_name}"),
        }
    }

    /// The arguments worth writing to the audit log, if any.
    pub fn audit_detail(&self) -> Option<String> {
        match self {
            Command::SetPtr {
                hostname,
                remarks,
                server,
            } => {
                let mut detail = format!("ptr={hostname}");
                if let Some(r) = remarks {
                    detail.push_str(&format!(" remarks={r}"));
                }
                if let Some(server) = server {
                    detail.push_str(&format!(" server={server}"));
                }
                Some(detail)
            }
            Command::RequestIps {
                ipv6,
                count,
                reason,
            } => Some(format!(
                "type={} count={count} reason={reason}",
                ip_family(*ipv6)
            )),
            Command::SetNameservers { nameservers } => Some(nameservers.join(",")),
            Command::SetDomainContacts { owner, admin, tech } => {
                Some(format!("owner={owner} admin={admin} tech={tech}"))
            }
            Command::AddContact(f) | Command::EditContact(f) => {
                Some(format!("handle={}", f.handle))
            }
            // The text itself may be confidential: its size and first line.
            Command::ReplyTicket { body } => Some(text_summary(body)),
            Command::OpenTicket(ticket) => Some(format!(
                "subject={} category={} department={} {}",
                ticket.subject,
                ticket.category.as_deref().unwrap_or("-"),
                ticket.department.as_deref().unwrap_or("-"),
                text_summary(&ticket.body)
            )),
            Command::AddRecord(fields) => Some(fields.audit()),
            Command::EditRecord { id, listed, fields } => Some(format!(
                "id={id} {} (was: {})",
                fields.audit(),
                listed.audit()
            )),
            Command::DeleteRecord { id, listed } => Some(format!("id={id} {}", listed.audit())),
            _ => None,
        }
    }

    /// What kind of object it acts on.
    pub fn target_kind(&self) -> ObjectKind {
        match self {
            Command::Power(_) | Command::RequestIps { .. } => ObjectKind::Server,
            Command::SetPtr { .. } => ObjectKind::Ip,
            Command::RequestEpp
            | Command::SetLock { .. }
            | Command::SetNameservers { .. }
            | Command::ResetNameservers
            | Command::SetDomainContacts { .. }
            | Command::CancelDomain { .. }
            | Command::AddRecord(_)
            | Command::EditRecord { .. }
            | Command::DeleteRecord { .. } => ObjectKind::Domain,
            Command::AddContact(_) | Command::EditContact(_) | Command::DeleteContact => {
                ObjectKind::Contact
            }
            Command::ReplyTicket { .. }
            | Command::CloseTicket
            | Command::ReopenTicket
            | Command::OpenTicket(_) => ObjectKind::Ticket,
        }
    }

    /// The account capability it needs; power actions are declared per server instead.
    pub fn capability(&self) -> Option<Capability> {
        match self {
            Command::RequestIps { .. } => return Some(Capability::IpRequests),
            Command::RequestEpp
            | Command::SetLock { .. }
            | Command::SetDomainContacts { .. }
            | Command::CancelDomain { .. } => return Some(Capability::DomainRegistry),
            Command::ResetNameservers => return Some(Capability::NameserverReset),
            _ => {}
        }
        if self.is_record_command() {
            return Some(Capability::DnsRecords);
        }
        match self.target_kind() {
            ObjectKind::Ip => Some(Capability::ReverseDns),
            ObjectKind::Domain => Some(Capability::Domains),
            ObjectKind::Contact => Some(Capability::Contacts),
            ObjectKind::Ticket => Some(Capability::Tickets),
            ObjectKind::Record => Some(Capability::DnsRecords),
            ObjectKind::Server => None,
        }
    }

    pub fn confirmation(&self) -> Confirmation {
        match self {
            Command::Power(action) if action.is_destructive() => Confirmation::Dialog,
            Command::CancelDomain { .. } => Confirmation::TypeName,
            Command::SetLock { .. }
            | Command::RequestEpp
            | Command::ResetNameservers
            | Command::RequestIps { .. }
            | Command::DeleteContact
            | Command::AddRecord(_)
            | Command::EditRecord { .. }
            | Command::DeleteRecord { .. }
            | Command::ReplyTicket { .. }
            | Command::CloseTicket
            | Command::ReopenTicket
            | Command::OpenTicket(_) => Confirmation::Dialog,
            _ => Confirmation::None,
        }
    }

    /// What happens if it goes through, for the confirm dialog.
    pub fn consequence(&self) -> &'static str {
        match self {
            Command::Power(action) => action.consequence(),
            Command::RequestEpp => {
                "The registry mails the transfer code to the owner and/or admin contact."
            }
            Command::SetLock { locked: false } => {
                "An unlocked domain can be transferred away with its EPP code."
            }
            Command::SetLock { locked: true } => {
                "Transfers are refused while the domain is locked."
            }
            Command::CancelDomain { immediate: false } => {
                "The domain is given up at the end of its current term."
            }
            Command::CancelDomain { immediate: true } => {
                "The domain is given up NOW; websites and mail on it stop."
            }
            Command::ResetNameservers => {
                "The nameservers are replaced by the provider's own; DNS served elsewhere stops answering for the domain."
            }
            Command::DeleteContact => "The contact is removed from the account.",
            Command::RequestIps { .. } => {
                "The provider receives a request for more addresses; none is assigned until it handles it."
            }
            Command::ReplyTicket { .. } => {
                "The reply goes to the provider's support once; it is not sent again by itself."
            }
            Command::CloseTicket => "The ticket is closed; it can be reopened.",
            Command::ReopenTicket => "The ticket is opened again for the provider's support.",
            Command::OpenTicket(_) => "A new ticket goes to the provider's support.",
            Command::AddRecord(_) => {
                "The record goes into the live zone; resolvers answer with it once it is served."
            }
            Command::EditRecord { .. } => {
                "The record's old value is replaced; resolvers may keep it until its TTL runs out."
            }
            Command::DeleteRecord { .. } => {
                "The record is removed from the zone; resolvers may keep it until its TTL runs out."
            }
            _ => "",
        }
    }
}

/// `chars=412 first="The disk in slot 3"`: how long a text is and its
/// first line, for the audit log, which keeps no message in full.
fn text_summary(text: &str) -> String {
    let first: String = text.lines().next().unwrap_or("").chars().take(60).collect();
    format!("chars={} first={first:?}", text.chars().count())
}

/// `1 IPv4 address`, `2 IPv6 addresses`.
pub fn ip_amount(count: impl std::fmt::Display, ipv6: bool) -> String {
    let count = count.to_string();
    let noun = if count == "1" { "address" } else { "addresses" };
    format!("{count} {} {noun}", ip_family(ipv6))
}

/// `IPv4` or `IPv6`.
fn ip_family(ipv6: bool) -> &'static str {
    if ipv6 {
        "IPv6"
    } else {
        "IPv4"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ip_request_is_a_confirmed_server_command_with_its_own_capability() {
        let command = Command::RequestIps {
            ipv6: true,
            count: 1,
            reason: "mail".into(),
        };
        assert_eq!(command.cli_name(), "request-ip");
        assert_eq!(command.label(), "request 1 IPv6 address");
        assert_eq!(
            command.label_on("vps-web01"),
            "request 1 IPv6 address for vps-web01"
        );
        assert_eq!(
            Command::RequestEpp.label_on("a.nl"),
            "request transfer (EPP) code a.nl"
        );
        assert_eq!(
            command.audit_detail().as_deref(),
            Some("type=IPv6 count=1 reason=mail")
        );
        assert_eq!(command.target_kind(), ObjectKind::Server);
        assert_eq!(command.capability(), Some(Capability::IpRequests));
        assert_eq!(command.confirmation(), Confirmation::Dialog);
        assert!(!command.consequence().is_empty());
        assert_eq!(ip_amount(3, false), "3 IPv4 addresses");
    }

    #[test]
    fn record_commands_go_to_the_domain_need_dns_records_and_each_asks_first() {
        let fields = |content: &str| RecordFields::new("A", "www", content, None);
        let add = Command::AddRecord(Box::new(fields("192.0.2.1")));
        let edit = Command::EditRecord {
            id: "7".into(),
            listed: Box::new(fields("192.0.2.1")),
            fields: Box::new(fields("192.0.2.2")),
        };
        let delete = Command::DeleteRecord {
            id: "7".into(),
            listed: Box::new(fields("192.0.2.1")),
        };
        for command in [&add, &edit, &delete] {
            assert_eq!(command.target_kind(), ObjectKind::Domain);
            assert_eq!(command.capability(), Some(Capability::DnsRecords));
            assert!(command.is_record_command());
        }
        assert_eq!(
            delete.label_on("example.nl"),
            "delete record A www → 192.0.2.1 in example.nl"
        );
        assert_eq!(
            edit.audit_detail().as_deref(),
            Some("id=7 type=A name=www content=192.0.2.2 (was: type=A name=www content=192.0.2.1)")
        );
        assert_eq!(add.cli_name(), "add-record");
        for command in [&add, &edit, &delete] {
            assert_eq!(command.confirmation(), Confirmation::Dialog);
            assert!(!command.consequence().is_empty());
        }
    }
}
