//! Turns config text into a validated [`Config`]: value types, unknown
//! keys, secrets in their three forms, and the rules of each provider kind.

use super::layout::Layout;
use super::{
    AccountConfig, Config, ConfigError, KindOptions, ProviderKind, SecretSource,
    DEFAULT_POLL_INTERVAL_SECS, DEFAULT_SECRET_CMD_TIMEOUT_SECS, MAX_TIMEOUT_SECS,
    MIN_POLL_INTERVAL_SECS, SECRET_FIELDS,
};
use crate::provider::clc::{WireFormat, FULL_READ_EVERY};
use crate::provider::controlepaneel::HttpMethod;
use crate::provider::hostbill::{AuthMode, ServiceSpec};
use crate::provider::http::Timeouts;
use crate::secret::Secret;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;
use toml::{Table, Value};

const TOP_LEVEL_FIELDS: [&str; 4] = ["read_only", "poll_interval_secs", "accounts", "keys"];
const COMMON_ACCOUNT_FIELDS: [&str; 8] = [
    "name",
    "kind",
    "base_url",
    "read_only",
    "poll_interval_secs",
    "connect_timeout_secs",
    "request_timeout_secs",
    "secret_cmd_timeout_secs",
];
const SECRET_SUFFIXES: [&str; 3] = ["", "_env", "_cmd"];

pub(super) fn parse_config(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let layout = Layout::new(text);
    let table: Table = text
        .parse()
        .map_err(|e: toml::de::Error| syntax_error(&layout, path, &e))?;
    let mut top = Fields::new(table, Scope::top(path, &layout));
    top.reject_unknown(&TOP_LEVEL_FIELDS, |_| {
        format!(
            "unknown field; the top level takes {}",
            TOP_LEVEL_FIELDS.join(", ")
        )
    })?;
    let defaults = Defaults {
        read_only: top.bool("read_only")?.unwrap_or(false),
        poll_interval_secs: top.poll_interval()?.unwrap_or(DEFAULT_POLL_INTERVAL_SECS),
    };
    let mut accounts: Vec<AccountConfig> = Vec::new();
    for (index, table) in top.account_tables()?.into_iter().enumerate() {
        let account = parse_account(index, table, &defaults, path, &layout)?;
        if let Some(earlier) = accounts.iter().position(|a| a.name == account.name) {
            let scope = Scope::account(path, &layout, index, Some(&account.name));
            return Err(scope.invalid(
                "name",
                format!("another account (accounts[{earlier}]) already has this name"),
            ));
        }
        accounts.push(account);
    }
    let keys = top.take("keys", "a [keys] table", |v| v.as_table().cloned())?;
    Ok(Config {
        path: Some(path.to_path_buf()),
        read_only: defaults.read_only,
        accounts,
        keys: super::keys::parse_keys(keys, path, &layout)?,
    })
}

/// Whether the text sets a secret as a plain value (not `_env`/`_cmd`).
pub(super) fn holds_plain_secret(text: &str) -> bool {
    let is_secret = |key: &str| SECRET_FIELDS.contains(&key);
    match text.parse::<Table>() {
        Ok(table) => account_values(&table)
            .iter()
            .filter_map(Value::as_table)
            .any(|account| account.keys().any(|k| is_secret(k))),
        Err(_) => Layout::new(text).any_key(is_secret),
    }
}

fn account_values(table: &Table) -> &[Value] {
    table
        .get("accounts")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn syntax_error(layout: &Layout, path: &Path, error: &toml::de::Error) -> ConfigError {
    let position = error.span().map(|span| layout.position(span.start));
    let account = position
        .and_then(|(line, _)| layout.account_at_line(line))
        .map(|index| account_label(index, layout.name_in_block(index).as_deref()));
    ConfigError::Syntax {
        path: path.to_path_buf(),
        line: position.map(|(line, _)| line),
        column: position.map(|(_, column)| column),
        account,
        message: error.message().trim().to_string(),
    }
}

/// `account "name"`, or `accounts[2]` while the name is unknown.
fn account_label(index: usize, name: Option<&str>) -> String {
    match name {
        Some(name) if !name.trim().is_empty() => format!("account {name:?}"),
        _ => format!("accounts[{index}]"),
    }
}

/// Values from the top level that apply to every account.
struct Defaults {
    read_only: bool,
    poll_interval_secs: u64,
}

fn parse_account(
    index: usize,
    table: Table,
    defaults: &Defaults,
    path: &Path,
    layout: &Layout,
) -> Result<AccountConfig, ConfigError> {
    let name = table
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut f = Fields::new(table, Scope::account(path, layout, index, name.as_deref()));
    let name = f.required("name", "every account needs a unique name")?;
    check_name(&name).map_err(|problem| f.scope.invalid("name", problem))?;
    let kind = f.kind()?;
    let allowed = allowed_fields(kind);
    f.reject_unknown(&allowed, |key| unknown_key_problem(key, kind, &allowed))?;
    let mut secrets = BTreeMap::new();
    for field in kind.secret_fields() {
        secrets.insert(field.to_string(), f.secret(field, kind)?);
    }
    let options = f.options(kind)?;
    Ok(AccountConfig {
        base_url: f.base_url(kind)?,
        read_only: f.bool("read_only")?.unwrap_or(false) || defaults.read_only,
        poll_interval_secs: f.poll_interval()?.unwrap_or(defaults.poll_interval_secs),
        timeouts: f.timeouts()?,
        secret_cmd_timeout: f
            .timeout_secs("secret_cmd_timeout_secs")?
            .unwrap_or(Duration::from_secs(DEFAULT_SECRET_CMD_TIMEOUT_SECS)),
        options,
        secrets,
        name,
    })
}

fn check_name(name: &str) -> Result<(), String> {
    if name.trim() != name {
        return Err("must not start or end with spaces".into());
    }
    if name.contains(':') || name.chars().any(char::is_control) {
        return Err(
            "must not contain `:` (it separates account and id) or control characters".into(),
        );
    }
    Ok(())
}

/// Every key an account of this kind may have.
fn allowed_fields(kind: ProviderKind) -> Vec<String> {
    let secrets = kind
        .secret_fields()
        .iter()
        .flat_map(|s| SECRET_SUFFIXES.map(|suffix| format!("{s}{suffix}")));
    COMMON_ACCOUNT_FIELDS
        .iter()
        .chain(kind.option_fields())
        .map(|s| s.to_string())
        .chain(secrets)
        .collect()
}

fn unknown_key_problem(key: &str, kind: ProviderKind, allowed: &[String]) -> String {
    let owners: Vec<&str> = ProviderKind::ALL
        .into_iter()
        .filter(|other| allowed_fields(*other).iter().any(|f| f == key))
        .map(ProviderKind::as_str)
        .collect();
    if !owners.is_empty() {
        return format!(
            "not used by {kind} accounts (only by {} accounts)",
            owners.join(" and ")
        );
    }
    match closest(key, allowed) {
        Some(guess) => format!("unknown field; did you mean `{guess}`?"),
        None => format!("unknown field; {kind} accounts take {}", allowed.join(", ")),
    }
}

/// The allowed key nearest to a misspelt one, if it is near enough.
fn closest<'a>(key: &str, allowed: &'a [String]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|candidate| (edit_distance(key, candidate), candidate))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate.as_str())
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

/// Where in the file a table sits, for building errors.
struct Scope<'a> {
    path: &'a Path,
    layout: &'a Layout<'a>,
    account: Option<usize>,
    label: Option<String>,
}

impl<'a> Scope<'a> {
    fn top(path: &'a Path, layout: &'a Layout<'a>) -> Self {
        Scope {
            path,
            layout,
            account: None,
            label: None,
        }
    }

    fn account(path: &'a Path, layout: &'a Layout<'a>, index: usize, name: Option<&str>) -> Self {
        Scope {
            path,
            layout,
            account: Some(index),
            label: Some(account_label(index, name)),
        }
    }

    fn invalid(&self, field: &str, problem: impl Into<String>) -> ConfigError {
        ConfigError::Invalid {
            path: self.path.to_path_buf(),
            line: self.layout.key_line(self.account, field),
            account: self.label.clone(),
            field: field.to_string(),
            problem: problem.into(),
        }
    }
}

/// A table being read: each read removes its key, so what is left at the
/// end is unknown. Errors describe a wrong value by its type only, since
/// the value may be a secret.
struct Fields<'a> {
    table: Table,
    scope: Scope<'a>,
}

impl<'a> Fields<'a> {
    fn new(table: Table, scope: Scope<'a>) -> Self {
        Fields { table, scope }
    }

    fn reject_unknown<S: AsRef<str>>(
        &self,
        allowed: &[S],
        problem: impl Fn(&str) -> String,
    ) -> Result<(), ConfigError> {
        let unknown = self
            .table
            .keys()
            .find(|key| !allowed.iter().any(|a| a.as_ref() == key.as_str()));
        match unknown {
            Some(key) => Err(self.scope.invalid(key, problem(key))),
            None => Ok(()),
        }
    }

    fn take<T>(
        &mut self,
        key: &str,
        expected: &str,
        read: impl FnOnce(&Value) -> Option<T>,
    ) -> Result<Option<T>, ConfigError> {
        let Some(value) = self.table.remove(key) else {
            return Ok(None);
        };
        match read(&value) {
            Some(v) => Ok(Some(v)),
            None => Err(self.scope.invalid(
                key,
                format!("expected {expected}, found {}", describe_type(&value)),
            )),
        }
    }

    fn bool(&mut self, key: &str) -> Result<Option<bool>, ConfigError> {
        self.take(key, "true or false", Value::as_bool)
    }

    /// A string, which must not be blank.
    fn string(&mut self, key: &str) -> Result<Option<String>, ConfigError> {
        let value = self.take(key, "a string", |v| v.as_str().map(str::to_string))?;
        match value {
            Some(s) if s.trim().is_empty() => Err(self.scope.invalid(key, "is empty")),
            other => Ok(other),
        }
    }

    fn required(&mut self, key: &str, why: &str) -> Result<String, ConfigError> {
        self.string(key)?
            .ok_or_else(|| self.scope.invalid(key, format!("missing; {why}")))
    }

    fn poll_interval(&mut self) -> Result<Option<u64>, ConfigError> {
        let key = "poll_interval_secs";
        let Some(secs) = self.take(key, "a whole number of seconds", Value::as_integer)? else {
            return Ok(None);
        };
        match u64::try_from(secs) {
            Ok(secs) if secs >= MIN_POLL_INTERVAL_SECS => Ok(Some(secs)),
            _ => Err(self.scope.invalid(
                key,
                format!("must be at least {MIN_POLL_INTERVAL_SECS} seconds, got {secs}"),
            )),
        }
    }

    /// `connect_timeout_secs` and `request_timeout_secs`, each defaulting
    /// to the shared HTTP layer's; a connect timeout longer than the whole
    /// request's could never fire, so it is refused.
    fn timeouts(&mut self) -> Result<Timeouts, ConfigError> {
        let defaults = Timeouts::default();
        let connect = self.timeout_secs("connect_timeout_secs")?;
        let request = self.timeout_secs("request_timeout_secs")?;
        let timeouts = Timeouts {
            connect: connect.unwrap_or(defaults.connect.min(request.unwrap_or(defaults.request))),
            request: request.unwrap_or(defaults.request),
        };
        if timeouts.connect > timeouts.request {
            return Err(self.scope.invalid(
                "connect_timeout_secs",
                format!(
                    "must not be longer than request_timeout_secs ({} s), got {} s",
                    timeouts.request.as_secs(),
                    timeouts.connect.as_secs()
                ),
            ));
        }
        Ok(timeouts)
    }

    /// A timeout in whole seconds, from 1 to [`MAX_TIMEOUT_SECS`].
    fn timeout_secs(&mut self, key: &str) -> Result<Option<Duration>, ConfigError> {
        let Some(secs) = self.take(key, "a whole number of seconds", Value::as_integer)? else {
            return Ok(None);
        };
        match u64::try_from(secs) {
            Ok(secs) if (1..=MAX_TIMEOUT_SECS).contains(&secs) => {
                Ok(Some(Duration::from_secs(secs)))
            }
            _ => Err(self.scope.invalid(
                key,
                format!("must be from 1 to {MAX_TIMEOUT_SECS} seconds, got {secs}"),
            )),
        }
    }

    /// clc's `full_read_every`: a whole number of polls, at least 1.
    fn full_read_every(&mut self) -> Result<u32, ConfigError> {
        let key = "full_read_every";
        let expected = "a whole number of polls";
        let Some(every) = self.take(key, expected, Value::as_integer)? else {
            return Ok(FULL_READ_EVERY);
        };
        match u32::try_from(every) {
            Ok(every) if every >= 1 => Ok(every),
            _ => Err(self
                .scope
                .invalid(key, format!("must be at least 1 poll, got {every}"))),
        }
    }

    fn account_tables(&mut self) -> Result<Vec<Table>, ConfigError> {
        let expected = "[[accounts]] blocks";
        let Some(items) = self.take("accounts", expected, |v| v.as_array().cloned())? else {
            return Ok(Vec::new());
        };
        items
            .into_iter()
            .enumerate()
            .map(|(index, item)| match item {
                Value::Table(table) => Ok(table),
                other => Err(self.scope.invalid(
                    &format!("accounts[{index}]"),
                    format!("expected a table, found {}", describe_type(&other)),
                )),
            })
            .collect()
    }

    fn kind(&mut self) -> Result<ProviderKind, ConfigError> {
        let names: Vec<&str> = ProviderKind::ALL.map(ProviderKind::as_str).to_vec();
        let expected = format!("one of {}", names.join(", "));
        let name = self.required("kind", &expected)?;
        ProviderKind::from_name(&name.to_ascii_lowercase()).ok_or_else(|| {
            self.scope.invalid(
                "kind",
                format!("unknown kind {name:?}; expected {expected}"),
            )
        })
    }

    /// Secret `field` in exactly one of its forms: `X`, `X_env`, `X_cmd`.
    fn secret(&mut self, field: &str, kind: ProviderKind) -> Result<SecretSource, ConfigError> {
        let mut given = Vec::new();
        for suffix in SECRET_SUFFIXES {
            let key = format!("{field}{suffix}");
            if let Some(value) = self.string(&key)? {
                given.push((key, suffix, value));
            }
        }
        if given.len() > 1 {
            let keys: Vec<String> = given.iter().map(|(key, ..)| format!("`{key}`")).collect();
            let problem = format!("given more than once (as {}); keep one", keys.join(" and "));
            return Err(self.scope.invalid(field, problem));
        }
        match given.pop() {
            Some((_, "_env", var)) => Ok(SecretSource::Env(var.trim().to_string())),
            Some((_, "_cmd", command)) => Ok(SecretSource::Cmd(command)),
            Some((_, _, value)) => Ok(SecretSource::Plain(Secret::new(value))),
            None => Err(self.scope.invalid(
                field,
                format!(
                    "missing; {kind} accounts need {}; give it as {field}, {field}_env or {field}_cmd",
                    kind.secret_fields().join(" and ")
                ),
            )),
        }
    }

    fn base_url(&mut self, kind: ProviderKind) -> Result<String, ConfigError> {
        let url = match self.string("base_url")? {
            Some(url) => url,
            None => match kind.default_base_url() {
                Some(url) => url.to_string(),
                None => {
                    let problem =
                        format!("missing; {kind} has no public endpoint, so give the API's URL");
                    return Err(self.scope.invalid("base_url", problem));
                }
            },
        };
        check_http_url(&url).map_err(|problem| self.scope.invalid("base_url", problem))?;
        Ok(if url.ends_with('/') { url } else { url + "/" })
    }

    /// controlepaneel's account id; a number is taken as its digits.
    fn account_id(&mut self) -> Result<String, ConfigError> {
        let id = self.take("account_id", "a string or a number", |v| match v {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Integer(n) => Some(n.to_string()),
            _ => None,
        })?;
        id.filter(|id| !id.is_empty()).ok_or_else(|| {
            self.scope.invalid(
                "account_id",
                "missing; controlepaneel accounts need their account id",
            )
        })
    }

    /// The options of `kind` (only its own are allowed by then).
    fn options(&mut self, kind: ProviderKind) -> Result<KindOptions, ConfigError> {
        Ok(match kind {
            ProviderKind::Clc => KindOptions::Clc {
                alias: self.string("alias")?,
                hierarchy: self.bool("hierarchy")?.unwrap_or(false),
                format: self.choice("format", ["json", "xml"], WireFormat::from_name)?,
                full_read_every: self.full_read_every()?,
            },
            ProviderKind::Controlepaneel => KindOptions::Controlepaneel {
                account_id: self.account_id()?,
                method: self.choice("method", ["post", "get"], HttpMethod::from_name)?,
            },
            ProviderKind::I3d => KindOptions::I3d,
            ProviderKind::Hostbill => KindOptions::Hostbill {
                username: self.required("username", "hostbill accounts log in with it")?,
                auth: self.choice("auth", ["basic", "jwt"], AuthMode::from_name)?,
                services: self.services()?,
            },
        })
    }

    /// hostbill's `services`: ids (`[1201, 1202]`), or tables naming a
    /// service's VMs (`[{ id = 1202, vms = [301] }]`), or both mixed.
    fn services(&mut self) -> Result<Vec<ServiceSpec>, ConfigError> {
        let key = "services";
        let expected = "a list of service ids, e.g. [1201, 1202]";
        let Some(items) = self.take(key, expected, |v| v.as_array().cloned())? else {
            return Ok(Vec::new());
        };
        let mut services: Vec<ServiceSpec> = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let spec = service(item).map_err(|problem| {
                self.scope
                    .invalid(key, format!("services[{index}]: {problem}"))
            })?;
            if services.iter().any(|s| s.id == spec.id) {
                let problem = format!("services[{index}]: service {} is listed twice", spec.id);
                return Err(self.scope.invalid(key, problem));
            }
            services.push(spec);
        }
        Ok(services)
    }

    /// One of two names, read by `parse` (any case); the default when
    /// absent. clc's `format` and controlepaneel's `method`.
    fn choice<T: Default>(
        &mut self,
        key: &str,
        names: [&str; 2],
        parse: fn(&str) -> Option<T>,
    ) -> Result<T, ConfigError> {
        let Some(name) = self.string(key)? else {
            return Ok(T::default());
        };
        parse(&name).ok_or_else(|| {
            let [first, second] = names;
            let given = name.to_ascii_lowercase();
            let problem = format!("must be {first:?} or {second:?}, got {given:?}");
            self.scope.invalid(key, problem)
        })
    }
}

/// One entry of `services`: an id, or `{ id = N, vms = [M, ...] }`.
fn service(item: &Value) -> Result<ServiceSpec, String> {
    let id = |value: &Value, what: &str| match value.as_integer() {
        Some(n) if n > 0 => Ok(n as u64),
        _ => Err(format!(
            "{what} must be a whole number above 0, found {}",
            describe_type(value)
        )),
    };
    let table = match item {
        Value::Integer(_) => return Ok(ServiceSpec::new(id(item, "a service id")?)),
        Value::Table(table) => table,
        other => {
            return Err(format!(
                "expected a service id or a table like {{ id = 1202, vms = [301] }}, found {}",
                describe_type(other)
            ))
        }
    };
    if let Some(unknown) = table.keys().find(|k| !["id", "vms"].contains(&k.as_str())) {
        return Err(format!(
            "unknown field `{unknown}`; a service takes id and vms"
        ));
    }
    let service_id = table.get("id").ok_or("the table has no id")?;
    let mut spec = ServiceSpec::new(id(service_id, "id")?);
    if let Some(vms) = table.get("vms") {
        let vms = vms
            .as_array()
            .ok_or_else(|| format!("vms must be a list of VM ids, found {}", describe_type(vms)))?;
        for vm in vms {
            let vm = id(vm, "a VM id")?;
            if !spec.vms.contains(&vm) {
                spec.vms.push(vm);
            }
        }
    }
    Ok(spec)
}

fn check_http_url(url: &str) -> Result<(), String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("is not a valid URL ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("must start with http:// or https://".into());
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err("has no host".into());
    }
    Ok(())
}

/// `a string`, `an integer`: the type only, never the value.
pub(super) fn describe_type(value: &Value) -> String {
    let name = value.type_str();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("pasword", "password"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kind", "kind"), 0);
        assert_eq!(edit_distance("toekn", "token"), 2);
    }

    #[test]
    fn allowed_fields_cover_secret_forms_and_options() {
        let clc = allowed_fields(ProviderKind::Clc);
        for key in [
            "api_key_env",
            "password_cmd",
            "alias",
            "hierarchy",
            "base_url",
        ] {
            assert!(clc.iter().any(|k| k == key), "{key}");
        }
        assert!(!clc.iter().any(|k| k == "token"));
    }
}
