//! The languages the service speaks, and choosing one from what a browser asks for.

use std::fmt;
use std::str::FromStr;

use fluent_langneg::{NegotiationStrategy, accepted_languages, negotiate_languages};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// A language the service speaks. English is the default: every Welsh entry falls back to it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Welsh (Cymraeg).
    Cy,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    /// The BCP 47 code, as `<html lang>`, `Content-Language` and the API carry it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    /// The tag a document (a PDF) carries: British English, or Welsh.
    pub fn document_tag(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Cy => "cy",
        }
    }

    /// The language's name in itself, as a language toggle offers it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Cy => "Cymraeg",
        }
    }

    /// The language an `Accept-Language` header prefers among those spoken here, if any.
    /// `cy-GB` counts as Welsh; `en-US` as English.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let requested = accepted_languages::parse(header);
        let available: Vec<LanguageIdentifier> = Lang::ALL.iter().map(|l| l.identifier()).collect();
        let chosen =
            negotiate_languages(&requested, &available, None, NegotiationStrategy::Filtering);
        chosen
            .first()
            .and_then(|id| id.language.as_str().parse().ok())
    }

    pub(crate) fn identifier(self) -> LanguageIdentifier {
        // Both codes are valid identifiers.
        self.code().parse().unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A code that is not one of the service's languages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a language this service speaks (en or cy): {0:?}")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(code: &str) -> Result<Lang, UnknownLang> {
        match code {
            "en" => Ok(Lang::En),
            "cy" => Ok(Lang::Cy),
            other => Err(UnknownLang(other.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_first_spoken_language_by_preference() {
        let pick = Lang::from_accept_language;
        assert_eq!(pick("cy"), Some(Lang::Cy));
        assert_eq!(pick("cy-GB,en;q=0.8"), Some(Lang::Cy));
        assert_eq!(pick("en-GB,cy;q=0.5"), Some(Lang::En));
        assert_eq!(pick("fr-FR, cy;q=0.9, en;q=0.3"), Some(Lang::Cy));
        assert_eq!(pick("fr, de"), None);
        assert_eq!(pick(""), None);
        assert_eq!(pick("*"), None);
    }

    #[test]
    fn codes_round_trip_and_nothing_else_parses() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
        assert!("CY".parse::<Lang>().is_err());
        assert!("fr".parse::<Lang>().is_err());
    }
}
