//! The shape every refresh shares (DESIGN.md, "Refreshes"): a primary list
//! decides whether the account is up; an enrichment that fails is recorded,
//! not raised. It goes on each object it concerns (`missing` of a server or
//! domain) and, once and summarised, on the account ([`Gaps`]): 10,000
//! failed detail reads become one "details of 10000 servers".

use super::{ProviderError, Result};
use crate::model::Missing;
use futures::stream::{self, StreamExt};
use std::future::Future;

/// The most per-object reads in flight at once.
pub const MAX_PARALLEL: usize = 4;

/// What an enrichment brought: its value, or what is missing instead
/// (to be put on every object it would have enriched).
pub type Part<T> = std::result::Result<T, Missing>;

/// One kind of per-object enrichment, for the account's summary:
/// `details` of `server`s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    pub part: &'static str,
    pub one: &'static str,
    pub many: &'static str,
}

impl Tally {
    pub const fn new(part: &'static str, one: &'static str, many: &'static str) -> Self {
        Tally { part, one, many }
    }

    /// `details of 37 servers`.
    fn summary(&self, count: usize) -> String {
        let noun = if count == 1 { self.one } else { self.many };
        format!("{} of {count} {noun}", self.part)
    }
}

/// The parts one refresh could not fetch, for the account: each
/// account-wide part once, per-object parts counted per [`Tally`].
#[derive(Debug, Default)]
pub struct Gaps {
    entries: Vec<Entry>,
}

#[derive(Debug)]
enum Entry {
    Whole(Missing),
    Counted {
        tally: Tally,
        count: usize,
        first: String,
    },
}

impl Gaps {
    pub fn new() -> Self {
        Gaps::default()
    }

    /// An enrichment of the whole account, or of one location of it (the IP
    /// list, monitoring, `networks in UC1`). A failure is recorded once
    /// under `part`.
    pub fn whole<T>(&mut self, part: impl Into<String>, result: Result<T>) -> Part<T> {
        result.map_err(|error| self.failed(part, &error))
    }

    /// Records that `part` (of the whole account or a location) failed
    /// with `error`, once.
    pub fn failed(&mut self, part: impl Into<String>, error: &ProviderError) -> Missing {
        let missing = Missing::new(part, error.to_string());
        let known = self
            .entries
            .iter()
            .any(|e| matches!(e, Entry::Whole(m) if m.part == missing.part));
        if !known {
            self.entries.push(Entry::Whole(missing.clone()));
        }
        missing
    }

    /// An enrichment of one object (its details). A failure is counted
    /// under `tally`; the returned [`Missing`] is named `part`.
    pub fn one<T>(&mut self, tally: Tally, part: impl Into<String>, result: Result<T>) -> Part<T> {
        result.map_err(|error| {
            let cause = error.to_string();
            self.count(tally, &cause);
            Missing::new(part, cause)
        })
    }

    fn count(&mut self, tally: Tally, cause: &str) {
        for entry in &mut self.entries {
            if let Entry::Counted {
                tally: t, count, ..
            } = entry
            {
                if *t == tally {
                    *count += 1;
                    return;
                }
            }
        }
        self.entries.push(Entry::Counted {
            tally,
            count: 1,
            first: cause.to_string(),
        });
    }

    /// The account's missing parts, per-object failures summarised with
    /// the first cause: `details of 37 servers`.
    pub fn into_missing(self) -> Vec<Missing> {
        self.entries.into_iter().map(Entry::into_missing).collect()
    }
}

impl Entry {
    fn into_missing(self) -> Missing {
        match self {
            Entry::Whole(missing) => missing,
            Entry::Counted {
                tally,
                count,
                first,
            } if count > 1 => Missing::new(
                tally.summary(count),
                format!("{first} (and {} more)", count - 1),
            ),
            Entry::Counted {
                tally,
                count,
                first,
            } => Missing::new(tally.summary(count), first),
        }
    }
}

/// Adds `gap` to an object's `missing`, unless that part is missing
/// already (then the first cause stands).
pub fn push_once(missing: &mut Vec<Missing>, gap: Missing) {
    if !missing.iter().any(|m| m.part == gap.part) {
        missing.push(gap);
    }
}

/// The value of `part`; otherwise its [`Missing`] goes onto `missing`
/// (once) and there is none.
pub fn keep<T>(part: Part<T>, missing: &mut Vec<Missing>) -> Option<T> {
    part.map_err(|gap| push_once(missing, gap)).ok()
}

/// When a primary list is read in parts (per location; visitors and
/// visits), the account is down only when every part failed: then the
/// first error. `None` when something arrived or there were no parts.
pub fn all_failed<'a>(
    errors: impl IntoIterator<Item = Option<&'a ProviderError>>,
) -> Option<ProviderError> {
    let mut first = None;
    for error in errors {
        match error {
            Some(error) => first = first.or_else(|| Some(error.clone())),
            None => return None,
        }
    }
    first
}

/// Runs `read` for each item, at most [`MAX_PARALLEL`] at once, and keeps
/// the order. Give owned items and an `async move` block: a closure over
/// borrowed items makes the refresh's future fail the `Send` check of the
/// boxed provider futures.
pub async fn each<I, T, F, Fut>(items: I, read: F) -> Vec<T>
where
    I: IntoIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future<Output = T>,
{
    stream::iter(items)
        .map(read)
        .buffered(MAX_PARALLEL)
        .collect()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::ErrorKind;

    const DETAILS: Tally = Tally::new("details", "server", "servers");

    fn failed(what: &str) -> Result<u32> {
        Err(ProviderError::new("acct", what, ErrorKind::Api, "Error1"))
    }

    #[test]
    fn many_failed_details_are_one_summary_naming_the_first_cause() {
        let mut gaps = Gaps::new();
        let mut on_server = Vec::new();
        for id in 1..=37 {
            let part = gaps.one(DETAILS, "details", failed(&format!("get {id}")));
            on_server = part.err().into_iter().collect();
        }
        assert_eq!(gaps.one(DETAILS, "details", Ok(5)), Ok(5));
        assert_eq!(on_server, [Missing::new("details", "acct: get 37: Error1")]);
        assert_eq!(
            gaps.into_missing(),
            [Missing::new(
                "details of 37 servers",
                "acct: get 1: Error1 (and 36 more)"
            )]
        );
    }

    #[test]
    fn an_account_wide_part_is_recorded_once_and_kept_once_per_object() {
        let mut gaps = Gaps::new();
        let ips = gaps.whole("IP addresses", failed("list_ip"));
        let again = gaps.whole("IP addresses", failed("list_ip"));
        assert_eq!(ips, again);
        assert_eq!(ips.as_ref().unwrap_err().cause, "acct: list_ip: Error1");
        let mut missing = Vec::new();
        assert_eq!(keep(ips, &mut missing), None);
        assert_eq!(keep(again, &mut missing), None);
        assert_eq!(missing.len(), 1);
        assert_eq!(keep(gaps.whole("monitoring", Ok(3)), &mut missing), Some(3));
        let one = gaps.one(DETAILS, "details", failed("get 1"));
        assert!(one.is_err());
        let parts: Vec<String> = gaps.into_missing().into_iter().map(|m| m.part).collect();
        assert_eq!(parts, ["IP addresses", "details of 1 server"]);
    }

    #[test]
    fn a_primary_list_in_parts_is_down_only_when_all_failed() {
        let down = ProviderError::new("acct", "list UC1", ErrorKind::Http, "500");
        let other = ProviderError::new("acct", "list WA1", ErrorKind::Http, "503");
        assert_eq!(all_failed([Some(&down), Some(&other)]), Some(down.clone()));
        assert_eq!(all_failed([Some(&down), None]), None);
        assert_eq!(all_failed(std::iter::empty()), None);
    }

    #[tokio::test]
    async fn each_keeps_the_order() {
        let doubled = each(1..=9, |n| async move { n * 2 }).await;
        assert_eq!(doubled, (1..=9).map(|n| n * 2).collect::<Vec<_>>());
    }
}
