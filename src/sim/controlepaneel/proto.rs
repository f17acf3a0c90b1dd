//! What every action shares: the request's variables (names matched exactly
//! as the document prints them), and the answer skeleton (root element,
//! `Status`, `Description`, `Input` echo, `ActionN` blocks).

use super::xml::El;

/// The documented "unknown error" text (several actions have it under some code).
pub const UNKNOWN_ERROR: &str = "Er is een onbekende fout ontstaan";

/// The variables of one call: the form body's first, then the query's.
#[derive(Clone, Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Params {
        Params(pairs)
    }

    /// The value as sent (first occurrence), if the variable is there.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The trimmed value, if it is there and not empty.
    pub fn required(&self, name: &str) -> Option<&str> {
        self.get(name).map(str::trim).filter(|v| !v.is_empty())
    }

    /// The value for an `Input` echo ("" when absent).
    pub fn echo(&self, name: &str) -> String {
        self.get(name).unwrap_or("").to_string()
    }

    /// The trimmed value, "" when absent.
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").trim().to_string()
    }

    /// `<Input>` echoing `names`, each under its own name.
    pub fn input(&self, names: &[&'static str]) -> El {
        El::new("Input").children(names.iter().map(|n| El::leaf(n, self.echo(n))))
    }

    /// `<Input>` echoing variables under other element names: `(element, variable)`.
    pub fn input_as(&self, pairs: &[(&'static str, &str)]) -> El {
        El::new("Input").children(pairs.iter().map(|(el, var)| El::leaf(el, self.echo(var))))
    }
}

/// `<Root><Status>code</Status><Description>text</Description>`; blocks follow.
pub fn reply(root: &'static str, code: &str, description: impl Into<String>) -> El {
    El::new(root)
        .text("Status", code)
        .text("Description", description)
}

/// `<Action1><Status>..</Status><Description>..</Description></Action1>` (or Action2).
pub fn action(name: &'static str, code: &str, description: impl Into<String>) -> El {
    El::new(name)
        .text("Status", code)
        .text("Description", description)
}

/// A plain decimal with at most `places` decimals and `.` as the separator: `3.2`.
pub fn decimal(value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// `12.50` from cents.
pub fn euros(cents: u32) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_plain() {
        assert_eq!(decimal(3.2, 2), "3.2");
        assert_eq!(decimal(4.0, 2), "4");
        assert_eq!(decimal(99.456, 1), "99.5");
        assert_eq!(euros(1250), "12.50");
    }

    #[test]
    fn the_first_value_wins_and_empty_is_missing() {
        let params = Params::new(vec![
            ("SLD".into(), " demo ".into()),
            ("SLD".into(), "other".into()),
            ("TLD".into(), "".into()),
        ]);
        assert_eq!(params.required("SLD"), Some("demo"));
        assert_eq!(params.required("TLD"), None);
        assert_eq!(params.get("TLD"), Some(""));
        assert_eq!(params.echo("sld"), "");
    }
}
