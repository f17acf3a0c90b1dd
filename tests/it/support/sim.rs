//! Talking to a simulator beside its API, the way provider tests do:
//! its `/_sim/` control routes, and commands run through the provider
//! contract to the note a provider that answers at once gives.

use hostdeck::model::{Command, ObjectKind, Ref};
use hostdeck::provider::{execute, Provider, ProviderError, Submitted};
use hostdeck::sim::SimServer;
use serde_json::Value;

/// `http://127.0.0.1:PORT/_sim/<path>`, beside the API's root.
pub fn control(sim: &SimServer, path: &str) -> String {
    let url = reqwest::Url::parse(&sim.base_url).expect("the simulator's URL");
    let origin = url.origin().ascii_serialization();
    format!("{origin}/_sim/{path}")
}

/// A control route's JSON.
pub async fn get(sim: &SimServer, path: &str) -> Value {
    json_of(reqwest::Client::new().get(control(sim, path))).await
}

/// A control route's JSON after a POST with `body` (none: an empty body).
pub async fn post(sim: &SimServer, path: &str, body: Option<Value>) -> Value {
    let mut request = reqwest::Client::new().post(control(sim, path));
    if let Some(body) = body {
        request = request.json(&body);
    }
    json_of(request).await
}

async fn json_of(request: reqwest::RequestBuilder) -> Value {
    request
        .send()
        .await
        .expect("control call")
        .json()
        .await
        .expect("control JSON")
}

/// Runs `command` on the object `kind`/`id` of `provider`'s account; the
/// provider must answer at once, and its note is the result.
pub async fn run(
    provider: &dyn Provider,
    command: Command,
    kind: ObjectKind,
    id: &str,
) -> Result<String, ProviderError> {
    let target = Ref::new(provider.account(), kind, id);
    execute(provider, &command, &target)
        .await
        .map(|submitted| match submitted {
            Submitted::Done(note) => note,
            other => panic!("{} answers at once, got {other:?}", provider.kind()),
        })
}
