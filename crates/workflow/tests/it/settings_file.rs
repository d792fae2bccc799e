//! The shipped configuration file and the code's defaults say the same thing.

use disputes_workflow::CompactSettings;

#[derive(serde::Deserialize)]
struct File {
    compact: CompactSettings,
}

#[test]
fn config_default_toml_matches_the_built_in_defaults() {
    let text = include_str!("../../../../config/default.toml");
    let file: File = toml::from_str(text).expect("config/default.toml parses");
    assert_eq!(file.compact, CompactSettings::default());
    assert_eq!(file.compact.validate(), Ok(()));
}
