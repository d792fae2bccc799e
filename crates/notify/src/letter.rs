//! What a decision letter says: the content its template (`decision_letter.txt`) is
//! rendered from, as the markup `disputes_documents` lays out as a PDF.

use disputes_i18n::Locale;
use disputes_workflow::ActionKind;
use serde::Serialize;

use crate::content::NextSteps;

/// Which decision a letter is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    /// The parties agreed terms at the informal stage.
    Informal,
    /// The panel's decision at the formal stage.
    Formal,
    /// The appeal panel's decision.
    Appeal,
}

impl LetterKind {
    /// Every kind, in the order a case reaches them.
    pub const ALL: [LetterKind; 3] = [LetterKind::Informal, LetterKind::Formal, LetterKind::Appeal];

    /// The kind's name in addresses: `informal`, `formal`, `appeal`.
    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Informal => "informal",
            LetterKind::Formal => "formal",
            LetterKind::Appeal => "appeal",
        }
    }

    /// The letter that taking `action` makes, if it makes one.
    pub fn made_by(action: ActionKind) -> Option<LetterKind> {
        match action {
            ActionKind::AcceptResolution => Some(LetterKind::Informal),
            ActionKind::IssueDecision => Some(LetterKind::Formal),
            ActionKind::DecideAppeal => Some(LetterKind::Appeal),
            _ => None,
        }
    }

    /// The letter's heading, in `locale`'s words (`letter-heading-{kind}`).
    pub fn heading(self, locale: &Locale) -> String {
        locale.t(&format!("letter-heading-{}", self.as_str()))
    }
}

impl std::str::FromStr for LetterKind {
    type Err = ();
    fn from_str(name: &str) -> Result<Self, ()> {
        LetterKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
            .ok_or(())
    }
}

/// A recommendation, as a letter lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterRecommendation {
    /// What should be done.
    pub text: String,
    /// The organisation that should do it.
    pub owner: String,
    /// By when, as a date in words.
    pub due: String,
}

/// Everything a decision letter's template may say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterContext {
    /// The Compact's name.
    pub compact: String,
    /// Who runs the service for the Compact, who signs the letter.
    pub operator: String,
    /// Which decision.
    pub kind: LetterKind,
    /// The letter's heading.
    pub heading: String,
    /// The organisation it is addressed to.
    pub to: String,
    /// The case reference.
    pub reference: String,
    /// The case title.
    pub title: String,
    /// The decision's date, in words.
    pub date: String,
    /// The principles at issue, in words.
    pub principles: Vec<String>,
    /// The outcome in words ("Partly upheld"), but for an agreed resolution.
    pub outcome: Option<String>,
    /// The reasons (or, agreed, the terms), as written.
    pub reasons: String,
    /// The recommendations.
    pub recommendations: Vec<LetterRecommendation>,
    /// What happens next and by when, a sentence each.
    pub next: Vec<String>,
    /// Help outside the Compact, once a decision has ended the case.
    pub next_steps: Option<NextSteps>,
    /// The case page.
    pub link: String,
}

/// A letter of each kind with made-up content, headed in `locale`'s words, for checking a
/// template as it loads.
pub fn samples(locale: &Locale) -> Vec<LetterContext> {
    LetterKind::ALL
        .into_iter()
        .map(|kind| LetterContext {
            compact: "Leicestershire Compact".to_owned(),
            operator: "Voluntary Action Leicestershire".to_owned(),
            kind,
            heading: kind.heading(locale),
            to: "Age Concern Leicestershire".to_owned(),
            reference: "LEIC-2026-0001".to_owned(),
            title: "Day-centre grant cut at two weeks' notice".to_owned(),
            date: "Friday 3 April 2026".to_owned(),
            principles: vec!["Three months' notice of a change to funding or support".to_owned()],
            outcome: (kind != LetterKind::Informal).then(|| "Partly upheld".to_owned()),
            reasons: "Notice came ten weeks short.\n# Not a heading.".to_owned(),
            recommendations: vec![LetterRecommendation {
                text: "Give three months' notice of every change.".to_owned(),
                owner: "Leicestershire County Council".to_owned(),
                due: "Thursday 31 December 2026".to_owned(),
            }],
            next: vec!["Either organisation may appeal by Friday 17 April 2026.".to_owned()],
            next_steps: (kind == LetterKind::Appeal).then(|| NextSteps {
                text: "You may be able to complain to the Ombudsman.".to_owned(),
                link_text: "Complain to the Ombudsman".to_owned(),
                url: "https://www.lgo.org.uk/".to_owned(),
            }),
            link: "https://disputes.example.org/cases/LEIC-2026-0001".to_owned(),
        })
        .collect()
}
