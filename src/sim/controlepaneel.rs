//! Simulator of the controlepaneel.com XML API (Dutch document
//! `000_85633edf904f3032.txt`), written from the document only; it shares no
//! types with the client in `provider`.
//!
//! Transport (the document gives none of it, so these are our decisions):
//! the API lives at `/api/` (and `/api`), takes `GET` with the variables in
//! the query string or `POST` with an `application/x-www-form-urlencoded`
//! body (query variables are merged in; the body wins), and always answers
//! HTTP 200 with `text/xml; charset=utf-8`, an XML declaration and one root
//! element named as in the document (e.g. `<Domains_Edit_Contacts>` for
//! `edit_details`). Variable names match exactly as printed (`SLD`, `Hash`,
//! ...); `Module` and `Action` values match in any case.
//!
//! Authentication: an unknown or missing `Account` is answered with only the
//! document's `<Account>` block, a wrong or missing `Hash` with only its
//! `<Hash>` block (which echoes the caller's IP and the Hash sent, as the
//! document shows). The document gives no codes for them; we use `Error1`.
//!
//! Value formats (every element in the document is empty, so all fixture
//! values are invented and these formats are ours): dates `DD-MM-YYYY`,
//! moments `DD-MM-YYYY HH:MM` (UTC); `LockStatus` `Locked`/`Unlocked`; domain
//! `Status` `Active`/`Cancelled` (a `cancel_direct`ed domain is gone: not
//! listed, `get_details` answers `Error1`, `check` says quarantine); server
//! `Type` `Virtual`/`Dedicated`/`Colocation` and `Status` `Online`/`Offline`;
//! numbers are plain decimals with a `.` (`3.2`), percentages plain numbers
//! (`99.5`), amounts in GB, A and kWh; `PriceExcl` in euros (`8.95`);
//! `Period`, `PaymentTerm` and `ContractTerm` in months; history `Processed`
//! `Yes`/`No`; IP `Type` `IPv4`/`IPv6`, `Subnet` in CIDR notation; monitoring
//! profile `Status` `Up`/`Down`, `LoadMonitor/Status` `OK`/`Warning`/`Down`,
//! port `Status` `Up`/`Down`; domain handles are shown as the contact's
//! `Handle` (either `Handle` or `HandleIdentifier` is accepted on input).
//! When an action's top-level `Status` is an error, its `ActionN` blocks are
//! left out.

mod cart;
mod colocation;
mod contacts;
mod dates;
mod domains;
mod fixtures;
mod ips;
mod monitoring;
mod proto;
mod server_fixtures;
mod servers;
mod world;
mod xml;

use super::faults::{self, FaultHandle};
use super::SimOptions;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{header, request::Parts};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use proto::Params;
use std::sync::{Arc, Mutex, MutexGuard};
use world::World;
use xml::El;

/// The demo account's Account ID.
pub const DEMO_ACCOUNT_ID: &str = "10042";
/// The demo account's Hash (40 hex digits; invented, like every value here).
pub const DEMO_HASH: &str = "5f3c9a0e7b2d4c18a6e0f9b3d7c5a1e2f4b6d8c0";
/// The caller's IP in the `<Hash>` echo: the simulator listens on loopback only.
const CALLER_IP: &str = "127.0.0.1";

type Pairs = Vec<(String, String)>;

struct Sim {
    world: Mutex<World>,
    hash: String,
}

/// The controlepaneel simulator's routes, wrapped in fault injection.
pub fn router(options: &SimOptions, faults: FaultHandle) -> Router {
    let world = fixtures::build(options.seed, dates::day_of(dates::now_minutes()));
    let sim = Arc::new(Sim {
        world: Mutex::new(world),
        hash: options.secrets.controlepaneel_hash.clone(),
    });
    let app = Router::new()
        .route("/api", get(handle).post(handle))
        .route("/api/", get(handle).post(handle))
        .with_state(sim);
    faults::install(app, faults, injected_error)
}

/// A `<Domains_List>` answer with `count` invented domains (for benchmarks).
pub fn domains_list_xml(count: usize, seed: u64) -> String {
    let today = dates::day_of(dates::now_minutes());
    let contacts = fixtures::contacts();
    let domains = fixtures::domains(count, seed, today, &contacts);
    domains::list_answer(&domains).document()
}

async fn handle(
    State(sim): State<Arc<Sim>>,
    query: Result<Query<Pairs>, QueryRejection>,
    form: Result<Form<Pairs>, FormRejection>,
) -> Response {
    let mut pairs = form.map(|Form(pairs)| pairs).unwrap_or_default();
    pairs.extend(query.map(|Query(pairs)| pairs).unwrap_or_default());
    let answer = sim.call(&Params::new(pairs));
    xml_response(&answer)
}

impl Sim {
    fn call(&self, params: &Params) -> El {
        if params.get("Account").map(str::trim) != Some(DEMO_ACCOUNT_ID) {
            return account_error(params);
        }
        if params.get("Hash").map(str::trim) != Some(self.hash.as_str()) {
            return hash_error(params);
        }
        let module = params.text("Module").to_ascii_lowercase();
        let action = params.text("Action").to_ascii_lowercase();
        let now = dates::now_minutes();
        let mut world = self.lock();
        run(&mut world, &module, &action, params, now).unwrap_or_else(unknown_action)
    }

    fn lock(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Runs `module`/`action`; `None` when the simulator does not know it.
fn run(world: &mut World, module: &str, action: &str, params: &Params, now: i64) -> Option<El> {
    match module {
        "domains" => domains::run(world, action, params, now),
        "servers" => servers::run(world, action, params, now),
        "colocation" => colocation::run(world, action, params, now),
        _ => None,
    }
}

/// The document's `<Account>` block, alone.
fn account_error(params: &Params) -> El {
    proto::reply("Account", "Error1", "Account ID niet gevonden").child(params.input(&["Account"]))
}

/// The document's `<Hash>` block, alone, echoing the caller's IP and the Hash sent.
fn hash_error(params: &Params) -> El {
    proto::reply("Hash", "Error1", "Hash niet geldig voor dit IP-adres").child(
        El::new("Input")
            .text("IP", CALLER_IP)
            .text("Hash", params.echo("Hash")),
    )
}

/// Not documented: the answer to an unknown module or action.
fn unknown_action() -> El {
    proto::reply("Error", "Error1", "Onbekende module of actie")
}

fn xml_response(answer: &El) -> Response {
    (
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        answer.document(),
    )
        .into_response()
}

/// The answer to an injected API error (fault `error_rate`); not documented.
fn injected_error(_: &Parts) -> Response {
    xml_response(&proto::reply("Error", "Error1", proto::UNKNOWN_ERROR))
}
