//! Who owes a deadline and what they owe, in words: one wording for the home page's lists
//! and for what a step will set in motion, from the same rule the scheduler reminds by
//! ([`Owing`]).

use std::collections::HashMap;

use disputes_i18n::Locale;
use disputes_workflow::{OrganisationId, Owed, Owing, PersonId};

use crate::problem::ApiError;
use crate::state::AppState;

pub(crate) use crate::use_cases::deadlines::what_is_owed;

/// The names of the organisations and panel chairs some deadlines' [`Owing`]s mention.
pub(crate) struct OwingWords {
    organisations: HashMap<OrganisationId, String>,
    people: HashMap<PersonId, String>,
}

impl OwingWords {
    /// Looks up the names `owings` mention.
    pub(crate) async fn of<'a>(
        state: &AppState,
        owings: impl IntoIterator<Item = &'a Owing>,
    ) -> Result<OwingWords, ApiError> {
        let owings: Vec<&Owing> = owings.into_iter().collect();
        let mut organisations: Vec<OrganisationId> = owings
            .iter()
            .flat_map(|o| [o.raising_organisation_id, o.respondent_organisation_id])
            .collect();
        organisations.sort_unstable();
        organisations.dedup();
        let organisations = state.store.organisation_names(&organisations).await?;
        let chairs: Vec<PersonId> = owings.iter().filter_map(|o| o.panel_chair).collect();
        let people = state.store.person_names(&chairs).await?;
        Ok(OwingWords {
            organisations,
            people,
        })
    }

    /// Who owes it: an organisation, both, the subgroup chair, or a panel's chair by name.
    pub(crate) fn who(&self, locale: &Locale, owing: &Owing) -> String {
        let organisation = |id| self.organisations.get(&id).cloned().unwrap_or_default();
        match (owing.owed_by, owing.panel_chair) {
            (Owed::Respondent, _) => organisation(owing.respondent_organisation_id),
            (Owed::Parties, _) => disputes_notify::content::in_a_list(
                locale,
                &[
                    organisation(owing.raising_organisation_id),
                    organisation(owing.respondent_organisation_id),
                ],
            ),
            (Owed::PanelChair | Owed::AppealPanelChair, Some(chair)) => locale.text(
                "owing-panel-chair",
                &[(
                    "name",
                    self.people.get(&chair).cloned().unwrap_or_default().into(),
                )],
            ),
            (Owed::SubgroupChair | Owed::PanelChair | Owed::AppealPanelChair, _) => {
                locale.t("owing-subgroup-chair")
            }
        }
    }
}
