//! What an account's inventory polls have handed on to the store: one
//! fingerprint per server, by part (a location), so that a later full read
//! hands on only the servers that changed and names those that are gone.
//! A full read of 10,000 unchanged servers then builds no second copy of
//! them for the store to compare and throw away.

use crate::model::Server;
use std::collections::HashMap;

/// Server id -> fingerprint, per part, as last handed on.
#[derive(Debug, Default)]
pub struct Sent {
    parts: HashMap<String, HashMap<String, Print>>,
    /// Counts the part reads, to find the servers a read no longer lists.
    read: u64,
}

/// A server's fingerprint and the part read that last listed it.
#[derive(Debug, Clone, Copy)]
struct Print {
    hash: u64,
    read: u64,
}

/// What a full read hands on when an earlier one was handed on whole.
#[derive(Debug, Default)]
pub struct Handed {
    /// New servers, and those that differ from what was handed on.
    pub changed: Vec<Server>,
    /// The ids of servers handed on before and no longer listed.
    pub removed: Vec<String>,
}

impl Sent {
    /// Whether nothing was handed on yet (the next read goes whole).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// A part handed on whole: remembers each of its servers.
    pub fn remember(&mut self, part: &str, servers: &[Server]) {
        let read = self.read;
        let prints = servers.iter().map(|server| {
            let hash = server.fingerprint();
            (server.id.clone(), Print { hash, read })
        });
        self.parts.insert(part.to_string(), prints.collect());
    }

    /// A part read whole: its servers that differ from what was handed on
    /// go to `out.changed`, and those it no longer lists to `out.removed`.
    /// The part's fingerprints are updated where they stand, so a read of
    /// unchanged servers leaves nothing newly allocated behind.
    pub fn compare(
        &mut self,
        part: &str,
        servers: impl IntoIterator<Item = Server>,
        out: &mut Handed,
    ) {
        self.read += 1;
        let read = self.read;
        if !self.parts.contains_key(part) {
            self.parts.insert(part.to_string(), HashMap::new());
        }
        let Some(prints) = self.parts.get_mut(part) else {
            return;
        };
        for server in servers {
            let print = Print {
                hash: server.fingerprint(),
                read,
            };
            match prints.get_mut(&server.id) {
                Some(known) if known.hash == print.hash => known.read = read,
                Some(known) => {
                    *known = print;
                    out.changed.push(server);
                }
                None => {
                    prints.insert(server.id.clone(), print);
                    out.changed.push(server);
                }
            }
        }
        let gone = prints.iter().filter(|(_, p)| p.read != read);
        out.removed.extend(gone.map(|(id, _)| id.clone()));
        prints.retain(|_, p| p.read == read);
    }

    /// Parts that are no longer listed at all (a location gone): each of
    /// their servers goes to `out.removed`.
    pub fn keep_parts(&mut self, listed: &[String], out: &mut Handed) {
        let gone: Vec<String> = self
            .parts
            .keys()
            .filter(|part| !listed.contains(part))
            .cloned()
            .collect();
        for part in gone {
            if let Some(servers) = self.parts.remove(&part) {
                out.removed.extend(servers.into_keys());
            }
        }
    }

    /// Servers handed on as changes: remembered as they are now.
    pub fn update(&mut self, part: &str, servers: &[Server]) {
        let read = self.read;
        let prints = self.parts.entry(part.to_string()).or_default();
        for server in servers {
            let print = Print {
                hash: server.fingerprint(),
                read,
            };
            match prints.get_mut(&server.id) {
                Some(known) => known.hash = print.hash,
                None => {
                    prints.insert(server.id.clone(), print);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PowerState;

    fn server(id: &str, power: PowerState, fetched_at: i64) -> Server {
        Server {
            power,
            location: "UC1".into(),
            ..Server::blank("a", id, fetched_at)
        }
    }

    fn ids(servers: &[Server]) -> Vec<&str> {
        servers.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn a_full_read_hands_on_only_what_changed_and_names_what_is_gone() {
        let mut sent = Sent::default();
        let first = vec![
            server("a", PowerState::On, 1),
            server("b", PowerState::On, 1),
            server("c", PowerState::On, 1),
        ];
        sent.remember("UC1", &first);
        let mut out = Handed::default();
        let later = vec![
            server("a", PowerState::On, 2),
            server("b", PowerState::Off, 2),
            server("d", PowerState::On, 2),
        ];
        sent.compare("UC1", later, &mut out);
        assert_eq!(
            ids(&out.changed),
            ["b", "d"],
            "fetched_at alone is no change"
        );
        assert_eq!(out.removed, ["c"]);
        // What was handed on is remembered: the same read again is quiet.
        let mut again = Handed::default();
        let same = vec![
            server("a", PowerState::On, 3),
            server("b", PowerState::Off, 3),
            server("d", PowerState::On, 3),
        ];
        sent.compare("UC1", same, &mut again);
        assert!(again.changed.is_empty() && again.removed.is_empty());
    }

    #[test]
    fn a_part_gone_removes_its_servers_and_changes_are_remembered() {
        let mut sent = Sent::default();
        sent.remember("UC1", &[server("a", PowerState::On, 1)]);
        sent.remember("IL1", &[server("b", PowerState::On, 1)]);
        sent.update("UC1", &[server("a", PowerState::Off, 2)]);
        let mut out = Handed::default();
        sent.compare("UC1", [server("a", PowerState::Off, 3)], &mut out);
        assert!(out.changed.is_empty(), "the change was handed on already");
        sent.keep_parts(&["UC1".to_string()], &mut out);
        assert_eq!(out.removed, ["b"]);
        assert!(!sent.is_empty());
    }
}
