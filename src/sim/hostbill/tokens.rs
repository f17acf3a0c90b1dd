//! The JSON Web Token sessions of `POST /login` (digest §1.3). A login
//! makes a session: an access token and a refresh token. The document
//! gives no lifetimes (digest §1.4 item 2); ours:
//! - an access token serves [`Sessions::token_uses`] calls (3 unless the
//!   options say otherwise) and at most [`ACCESS_TTL`] seconds, then
//!   answers "token expired" until the client refreshes;
//! - a refresh token lasts [`REFRESH_TTL`] seconds and is used once:
//!   `POST /token` gives a new pair, and both old tokens are dead from then
//!   on ("invalid token"), so a client must keep the new pair;
//! - `POST /logout` kills the access token only, `POST /revoke` the whole
//!   session;
//! - the fault `expire_sessions` expires every session at once, refresh
//!   tokens included: the client must log in again.
//!
//! Tokens look like the document's RS256 JWTs: its header segment, a
//! base64url JSON payload with `iat` and `exp`, and a random signature
//! (nothing verifies it; the simulator looks tokens up). A mark given by
//! the options (a test's canary) starts every signature and is the `mark`
//! claim, so that a token leaked anywhere can be found by that text.

use super::fixtures::CLIENT_ID as SUBJECT;
use super::proto::ApiError;
use crate::sim::SplitMix64;
use serde_json::json;

/// `{"typ":"JWT","alg":"RS256"}`, the header segment of the document's tokens.
const JWT_HEADER: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9";
/// Seconds an access token lives at most.
pub const ACCESS_TTL: i64 = 900;
/// Seconds a refresh token lives.
pub const REFRESH_TTL: i64 = 30 * 86_400;

/// The pair `POST /login` and `POST /token` answer.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Pair {
    pub token: String,
    pub refresh: String,
}

#[derive(Clone, Debug)]
struct Session {
    /// None after `POST /logout`.
    access: Option<String>,
    uses_left: u32,
    access_expires: i64,
    refresh: String,
    refresh_expires: i64,
    /// The fault handle's session epoch when it was made.
    epoch: u64,
}

impl Session {
    fn dead(&self, now: i64, epoch: u64) -> bool {
        self.epoch < epoch || now > self.refresh_expires
    }
}

/// Every live session, and counters for `/_sim/auth`.
#[derive(Clone, Debug)]
pub struct Sessions {
    sessions: Vec<Session>,
    rng: SplitMix64,
    issued: u64,
    /// Calls an access token serves, for pairs made from now on.
    pub token_uses: u32,
    pub logins: u64,
    pub refreshes: u64,
    /// Written into every token (empty: nothing).
    mark: String,
}

impl Sessions {
    pub fn new(seed: u64, token_uses: u32) -> Self {
        Sessions {
            sessions: Vec::new(),
            rng: SplitMix64::new(seed ^ 0x0A57_4E75),
            issued: 0,
            token_uses: token_uses.max(1),
            logins: 0,
            refreshes: 0,
            mark: String::new(),
        }
    }

    /// Tokens minted from now on carry `mark` (see the module's doc).
    pub fn with_mark(mut self, mark: &str) -> Self {
        self.mark = mark.to_string();
        self
    }

    /// Live sessions now.
    pub fn live(&self, now: i64, epoch: u64) -> usize {
        self.sessions.iter().filter(|s| !s.dead(now, epoch)).count()
    }

    /// A new session for a login.
    pub fn login(&mut self, now: i64, epoch: u64) -> Pair {
        self.sessions.retain(|s| !s.dead(now, epoch));
        self.logins += 1;
        let (session, pair) = self.make(now, epoch);
        self.sessions.push(session);
        pair
    }

    /// One call with access token `token`: counts the use.
    pub fn use_access(&mut self, token: &str, now: i64, epoch: u64) -> Result<(), ApiError> {
        let session = self
            .sessions
            .iter_mut()
            .find(|s| s.access.as_deref() == Some(token))
            .ok_or_else(|| ApiError::unauthorized("invalid token"))?;
        if session.uses_left == 0 || now > session.access_expires || session.dead(now, epoch) {
            return Err(ApiError::unauthorized("token expired"));
        }
        session.uses_left -= 1;
        Ok(())
    }

    /// `POST /token`: a new pair for a live refresh token; the old pair dies.
    pub fn refresh(&mut self, refresh: &str, now: i64, epoch: u64) -> Result<Pair, ApiError> {
        let index = self
            .sessions
            .iter()
            .position(|s| s.refresh == refresh)
            .ok_or_else(|| ApiError::unauthorized("invalid refresh token"))?;
        if self.sessions[index].dead(now, epoch) {
            self.sessions.remove(index);
            return Err(ApiError::unauthorized("refresh token expired"));
        }
        self.refreshes += 1;
        let (session, pair) = self.make(now, epoch);
        self.sessions[index] = session;
        Ok(pair)
    }

    /// `POST /revoke` with a refresh token: ends its session.
    pub fn revoke_refresh(&mut self, refresh: &str) -> bool {
        let before = self.sessions.len();
        self.sessions.retain(|s| s.refresh != refresh);
        self.sessions.len() < before
    }

    /// `POST /revoke` with an access token: ends its session.
    pub fn revoke_access(&mut self, token: &str) {
        self.sessions.retain(|s| s.access.as_deref() != Some(token));
    }

    /// `POST /logout`: the access token dies, the refresh token lives on.
    pub fn logout(&mut self, token: &str) {
        for session in &mut self.sessions {
            if session.access.as_deref() == Some(token) {
                session.access = None;
            }
        }
    }

    fn make(&mut self, now: i64, epoch: u64) -> (Session, Pair) {
        let access_expires = now + ACCESS_TTL;
        let refresh_expires = now + REFRESH_TTL;
        let pair = Pair {
            token: self.jwt(
                json!({"iss": "hostdeck-sim", "sub": SUBJECT, "typ": "access",
                "iat": now, "exp": access_expires}),
            ),
            refresh: self.jwt(json!({"sub": SUBJECT, "typ": "refresh",
                "iat": now, "exp": refresh_expires})),
        };
        let session = Session {
            access: Some(pair.token.clone()),
            uses_left: self.token_uses,
            access_expires,
            refresh: pair.refresh.clone(),
            refresh_expires,
            epoch,
        };
        (session, pair)
    }

    /// `header.payload.signature`, with a serial `jti` so no two are alike.
    fn jwt(&mut self, mut claims: serde_json::Value) -> String {
        self.issued += 1;
        claims["jti"] = json!(self.issued);
        if !self.mark.is_empty() {
            claims["mark"] = json!(self.mark);
        }
        let signature: Vec<u8> = (0..4)
            .flat_map(|_| self.rng.next_u64().to_be_bytes())
            .collect();
        format!(
            "{JWT_HEADER}.{}.{}{}",
            base64url(claims.to_string().as_bytes()),
            self.mark,
            base64url(&signature)
        )
    }
}

/// base64url without padding (RFC 4648 §5), as JWTs write their segments.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// Standard base64 (padding optional), as `Authorization: Basic` sends it;
/// None for any other character.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut held) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        bits = bits << 6 | u32::from(value);
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
            bits &= (1 << held) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_the_rfc_example() {
        assert_eq!(
            base64_decode("QWxhZGRpbjpvcGVuIHNlc2FtZQ==").as_deref(),
            Some(&b"Aladdin:open sesame"[..])
        );
        assert_eq!(
            base64url(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ"
        );
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        assert_eq!(base64_decode("a*b"), None);
    }

    fn claims(token: &str) -> serde_json::Value {
        let payload = token.split('.').nth(1).unwrap();
        let padded = format!("{payload}{}", "=".repeat((4 - payload.len() % 4) % 4));
        serde_json::from_slice(&base64_decode(&padded.replace('-', "+").replace('_', "/")).unwrap())
            .unwrap()
    }

    #[test]
    fn tokens_look_like_the_documents_jwts() {
        let mut sessions = Sessions::new(1, 3);
        let pair = sessions.login(1_000, 0);
        assert!(pair.token.starts_with(JWT_HEADER));
        let claims = claims(&pair.token);
        assert_eq!(claims["exp"], 1_000 + ACCESS_TTL);
        assert_eq!(claims.get("mark"), None);
        assert_ne!(pair.token, pair.refresh);
    }

    #[test]
    fn a_mark_starts_every_signature_and_is_a_claim() {
        let mut sessions = Sessions::new(1, 3).with_mark("Canary-7x");
        let pair = sessions.login(1_000, 0);
        for token in [&pair.token, &pair.refresh] {
            let signature = token.split('.').nth(2).unwrap();
            assert!(signature.starts_with("Canary-7x"), "{token}");
            assert_eq!(claims(token)["mark"], "Canary-7x");
        }
    }

    #[test]
    fn an_access_token_serves_its_uses_then_expires_and_refresh_rotates() {
        let mut sessions = Sessions::new(1, 2);
        let pair = sessions.login(0, 0);
        assert!(sessions.use_access(&pair.token, 1, 0).is_ok());
        assert!(sessions.use_access(&pair.token, 2, 0).is_ok());
        let expired = sessions.use_access(&pair.token, 3, 0).unwrap_err();
        assert_eq!(expired.messages, ["token expired"]);
        let next = sessions.refresh(&pair.refresh, 4, 0).unwrap();
        assert!(sessions.use_access(&next.token, 5, 0).is_ok());
        let old = sessions.use_access(&pair.token, 6, 0).unwrap_err();
        assert_eq!(old.messages, ["invalid token"]);
        assert!(sessions.refresh(&pair.refresh, 7, 0).is_err(), "used once");
        assert!(sessions.use_access(&next.token, ACCESS_TTL + 6, 0).is_err());
        assert!(
            sessions.refresh(&next.refresh, 8, 1).is_err(),
            "a new epoch"
        );
        assert_eq!(sessions.live(8, 1), 0);
    }
}
