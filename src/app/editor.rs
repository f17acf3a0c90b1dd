//! Hands a message to the user's own editor (`$VISUAL`, then `$EDITOR`,
//! then `vi`), as mail clients and k9s do: the text goes into a private
//! file in the state directory, the editor runs on the terminal, and what
//! it saved comes back.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor command the user asked for.
pub fn command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs `editor` on `text` (blocking) and returns what it saved, or why
/// nothing came back. The file is removed either way.
pub fn edit(editor: &str, text: &str, dir: &Path) -> Result<String, String> {
    let path = scratch_file(dir);
    write_private(&path, text).map_err(|e| format!("could not write {}: {e}", path.display()))?;
    let result = run_editor(editor, &path).and_then(|()| {
        fs::read_to_string(&path).map_err(|e| format!("could not read {}: {e}", path.display()))
    });
    let _ = fs::remove_file(&path);
    result
}

fn scratch_file(dir: &Path) -> PathBuf {
    dir.join(format!("message-{}.txt", std::process::id()))
}

/// Writes the file readable by its owner alone: a reply may hold more than
/// the world should see.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    if !text.is_empty() && !text.ends_with('\n') {
        file.write_all(b"\n")?;
    }
    Ok(())
}

/// The command goes through `sh`, so `EDITOR="code --wait"` works; the
/// path is passed as an argument, never spliced into the command line.
fn run_editor(editor: &str, path: &Path) -> Result<(), String> {
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("hostdeck-editor")
        .arg(path)
        .status()
        .map_err(|e| format!("could not start `{editor}`: {e}"))?;
    match status.success() {
        true => Ok(()),
        false => Err(format!("`{editor}` exited with {status}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edited_text_comes_back_and_the_file_is_removed() {
        let dir = std::env::temp_dir().join(format!("hostdeck-editor-{}", std::process::id()));
        // The "editor" appends a line to the file it is given.
        let result = edit("printf 'zwei ü\\n' >>", "eins", &dir);
        assert_eq!(result.unwrap(), "eins\nzwei ü\n");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 0);
        let _ = fs::remove_dir(&dir);
    }

    #[test]
    fn a_failing_editor_is_named_and_nothing_comes_back() {
        let dir = std::env::temp_dir().join(format!("hostdeck-editor-f{}", std::process::id()));
        let error = edit("false", "eins", &dir).unwrap_err();
        assert!(error.contains("`false` exited"), "{error}");
        let _ = fs::remove_dir_all(&dir);
    }
}
