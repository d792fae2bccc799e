//! What people do with the service, each written once: raising, listing and reading cases,
//! taking actions, writing messages and receiving files, keeping the directory, and the
//! outcome report.
//!
//! The JSON API (`api`) and the pages (`web`) are translations of HTTP into these calls and
//! back: they read requests and render answers, and neither imports the other. Each use case
//! takes the service's state and the signed-in person, checks what the person sent, and asks
//! the store; what may be done by whom is settled by `authz` before it is called, and the
//! workflow decides each action.

pub mod account;
pub mod actions;
pub mod bundle;
pub mod cases;
pub mod correspondence;
pub mod deadlines;
pub mod directory;
pub mod files;
pub mod letters;
pub mod links;
pub mod records;
pub mod replies;
pub mod reports;
pub mod saved;
pub mod timeline;
pub mod views;
pub mod webhooks;

/// `text` with its first letter a capital, for a sentence that begins with a value's name.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every Rust file under `src/{dir}`, with its text.
    fn sources(dir: &str) -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
        let mut found = Vec::new();
        let mut pending = vec![root];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    found.push((path.display().to_string(), text));
                }
            }
        }
        assert!(!found.is_empty(), "no sources under {dir}");
        found
    }

    #[test]
    fn the_api_and_the_pages_do_not_import_each_other_and_use_cases_import_neither() {
        for (dir, adapters) in [
            ("api", &["web", "inbound"][..]),
            ("web", &["api", "inbound"][..]),
            ("inbound", &["api", "web"][..]),
            ("use_cases", &["api", "web", "inbound"][..]),
            ("auth", &["api", "web", "inbound"][..]),
        ] {
            for (path, text) in sources(dir) {
                for adapter in adapters {
                    let name = format!("crate::{adapter}");
                    // The module itself or anything in it, but not a module whose name merely begins so.
                    let imports = text.match_indices(&name).any(|(at, _)| {
                        !text[at + name.len()..]
                            .starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    });
                    assert!(!imports, "{path} uses {name}");
                }
            }
        }
    }
}
