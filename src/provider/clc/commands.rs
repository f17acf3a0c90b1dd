//! The mutations of the CLC provider: power operations and maintenance
//! mode. Each is sent exactly once and queued by the API; the answer's
//! `RequestID` is the handle to follow.

use super::client::{method, ClcProvider, Method};
use super::wire;
use crate::model::Action;
use crate::provider::http::operation;
use crate::provider::{ErrorKind, Result, Submitted};

const SERVER_MAINTENANCE: Method = method("Server", "ServerMaintenance");

/// The power method of an action, or `None` for maintenance mode.
fn power_method(action: Action) -> Option<Method> {
    let name = match action {
        Action::PowerOn => "PowerOnServer",
        Action::PowerOff => "PowerOffServer",
        Action::ShutDown => "ShutdownServer",
        Action::Reboot => "RebootServer",
        Action::Reset => "ResetServer",
        Action::Pause => "PauseServer",
        Action::MaintenanceOn | Action::MaintenanceOff => return None,
    };
    Some(method("Server", name))
}

impl ClcProvider {
    /// Sends `action` to `server` and returns the queued request.
    pub(super) async fn run_action(&self, action: Action, server: &str) -> Result<Submitted> {
        let alias = self.alias_for(server);
        let account_alias = alias.as_deref();
        let (method, value) = match power_method(action) {
            Some(method) => {
                let request = wire::ServerRequest {
                    account_alias,
                    name: server,
                };
                (method, self.mutate(method, server, &request).await?)
            }
            None => {
                let request = wire::ServerMaintenanceRequest {
                    account_alias,
                    name: server,
                    enable: action == Action::MaintenanceOn,
                };
                let value = self.mutate(SERVER_MAINTENANCE, server, &request).await?;
                (SERVER_MAINTENANCE, value)
            }
        };
        let op = operation(method, server);
        let ack: wire::QueuedItemResponse = self.typed(&op, &value)?;
        match ack.request_id {
            Some(id) => Ok(Submitted::Queued { handle: id.to_string() }),
            None => Err(self.http.error(
                &op,
                ErrorKind::Parse,
                "the command was accepted but the answer carries no RequestID, so its progress cannot be followed",
            )),
        }
    }
}
