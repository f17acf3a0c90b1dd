//! Headless tickets: the ticket lists of the selected accounts, one ticket
//! found by a reference (`show ticket`, the ticket actions), and a new
//! ticket checked against what its account offers (categories,
//! departments) before it is sent.

use super::exit;
use super::query::{
    account_of, exactly_one, offering, read_each, split_reference, warn_missing, Miss,
};
use crate::app::policy;
use crate::model::{Capability, NewTicket, ObjectKind, Ref, Ticket, TicketChoice};
use crate::provider::{fetch, Fetch, Fetched, TicketScope};
use crate::setup::{Account, Setup};
use std::cmp::Reverse;

/// Every ticket, open and closed, of every selected account that has
/// tickets: by account, newest first. Naming an account without tickets
/// is a failure of its own.
pub async fn ticket_inventories(setup: &Setup, only: Option<&str>) -> (Vec<Ticket>, bool) {
    let apis = offering(setup, only, Capability::Tickets, |p| p.tickets());
    let (read, failed) = read_each(apis, only, |api| api.tickets(TicketScope::All)).await;
    let mut tickets = Vec::new();
    for (account, inventory) in read {
        warn_missing(account, &inventory.missing);
        tickets.extend(inventory.tickets);
    }
    tickets.sort_by(|a, b| {
        let key = |t: &Ticket| (t.account.clone(), Reverse(t.updated), t.id.clone());
        key(a).cmp(&key(b))
    });
    (tickets, failed)
}

/// The account a ticket reference names when that account has no
/// tickets: the policy refuses anything aimed at it.
fn named_without_tickets<'a>(setup: &'a Setup, reference: &str) -> Option<&'a Account> {
    let (account, _) = split_reference(setup, reference);
    let account = account_of(setup, account?).ok()?;
    account.provider.tickets().is_none().then_some(account)
}

/// The ticket `ACCOUNT:ID` (or an id unambiguous across accounts) names,
/// as its account's list gives it.
async fn resolve(setup: &Setup, reference: &str) -> Result<Ticket, Miss> {
    let (account, id) = split_reference(setup, reference);
    let id = id.trim().trim_start_matches('#');
    let (tickets, failed) = ticket_inventories(setup, account).await;
    let matches: Vec<Ticket> = tickets.into_iter().filter(|t| t.id == id).collect();
    exactly_one(matches, reference, "ticket", failed, |t| {
        t.reference().to_string()
    })
}

/// The ticket an action goes to. In an account without tickets it is
/// taken as typed, for the policy to refuse.
pub async fn target(setup: &Setup, reference: &str) -> Result<Ref, Miss> {
    if let Some(account) = named_without_tickets(setup, reference) {
        let (_, id) = split_reference(setup, reference);
        return Ok(Ref::new(
            &account.config.name,
            ObjectKind::Ticket,
            id.trim(),
        ));
    }
    resolve(setup, reference).await.map(|t| t.reference())
}

/// One ticket with its thread, fetched afresh.
pub async fn show(setup: &Setup, reference: &str) -> Result<String, Miss> {
    if let Some(account) = named_without_tickets(setup, reference) {
        let refused = policy::account_refusal(
            "show ticket",
            Some(Capability::Tickets),
            &account.info(),
            false,
            reference,
        );
        return Err((exit::REFUSED, refused.unwrap_or_default()));
    }
    let listed = resolve(setup, reference).await?;
    let account = account_of(setup, &listed.account)?;
    let what = Fetch::Ticket(listed.id.clone());
    match fetch(account.provider.as_ref(), &what).await {
        Ok(Fetched::Ticket(ticket)) => Ok(crate::output::ticket_details(&ticket)),
        Ok(_) => Ok(crate::output::ticket_details(&listed)),
        Err(error) => Err((exit::FAILED, error.to_string())),
    }
}

/// Checks a new ticket against the account's options: a listed category
/// (required where there are any), a department where one is needed
/// (listed, or free text where none are). Values are taken by value or
/// label in any case and sent as the provider's value.
pub async fn check_new(account: &Account, ticket: &mut NewTicket) -> Result<(), Miss> {
    let Some(api) = account.provider.tickets() else {
        return Ok(());
    };
    let options = api
        .options()
        .await
        .map_err(|error| (exit::FAILED, error.to_string()))?;
    let name = &account.config.name;
    let categories = Choices {
        what: "category",
        listed: &options.categories,
        required: !options.categories.is_empty(),
        free_text: false,
    };
    ticket.category = categories.choose(name, ticket.category.take())?;
    let departments = Choices {
        what: "department",
        listed: &options.departments,
        required: options.department_required,
        free_text: options.department_required && options.departments.is_empty(),
    };
    ticket.department = departments.choose(name, ticket.department.take())?;
    Ok(())
}

/// What a field of a new ticket may be.
struct Choices<'a> {
    what: &'static str,
    listed: &'a [TicketChoice],
    required: bool,
    /// Typed: the provider lists no values.
    free_text: bool,
}

impl Choices<'_> {
    /// The value to send for `given`, or why it is refused.
    fn choose(&self, account: &str, given: Option<String>) -> Result<Option<String>, Miss> {
        let what = self.what;
        let Some(given) = given else {
            if !self.required {
                return Ok(None);
            }
            let message = format!(
                "open-ticket {account}: a {what} is required: pass --{what} ({})",
                self.known()
            );
            return Err((exit::USAGE, message));
        };
        if self.free_text {
            return Ok(Some(given));
        }
        let found = self
            .listed
            .iter()
            .find(|c| c.value.eq_ignore_ascii_case(&given) || c.label.eq_ignore_ascii_case(&given));
        match found {
            Some(choice) => Ok(Some(choice.value.clone())),
            None if self.listed.is_empty() => Err((
                exit::USAGE,
                format!("open-ticket {account}: {account} takes no {what}; leave out --{what}"),
            )),
            None => Err((
                exit::USAGE,
                format!(
                    "open-ticket {account}: unknown {what} {given:?}; {}",
                    self.known()
                ),
            )),
        }
    }

    /// `one of: billing, tech`, or `free text`.
    fn known(&self) -> String {
        if self.free_text {
            return "free text".into();
        }
        let values: Vec<&str> = self.listed.iter().map(|c| c.value.as_str()).collect();
        format!("one of: {}", values.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn categories(listed: &[TicketChoice]) -> Choices<'_> {
        Choices {
            what: "category",
            listed,
            required: !listed.is_empty(),
            free_text: false,
        }
    }

    #[test]
    fn a_category_is_one_of_the_listed_in_any_case_and_sent_as_its_value() {
        let listed = [
            TicketChoice::new("billing", "Billing"),
            TicketChoice::new("tech", "Technical"),
        ];
        let choices = categories(&listed);
        let chosen = choices.choose("i3d", Some("TECHNICAL".into()));
        assert_eq!(chosen, Ok(Some("tech".into())));
        let (code, message) = choices.choose("i3d", Some("sales".into())).unwrap_err();
        assert_eq!(code, exit::USAGE);
        assert_eq!(
            message,
            "open-ticket i3d: unknown category \"sales\"; one of: billing, tech"
        );
        let (_, message) = choices.choose("i3d", None).unwrap_err();
        assert_eq!(
            message,
            "open-ticket i3d: a category is required: pass --category (one of: billing, tech)"
        );
    }

    #[test]
    fn a_department_is_typed_where_none_are_listed_and_refused_where_none_are_taken() {
        let typed = Choices {
            what: "department",
            listed: &[],
            required: true,
            free_text: true,
        };
        assert_eq!(
            typed.choose("i3d", Some("NOC".into())),
            Ok(Some("NOC".into()))
        );
        assert!(typed.choose("i3d", None).is_err());
        let none = categories(&[]);
        assert_eq!(none.choose("x", None), Ok(None));
        let (_, message) = none.choose("x", Some("a".into())).unwrap_err();
        assert_eq!(
            message,
            "open-ticket x: x takes no category; leave out --category"
        );
    }
}
