//! `disputes demo`: a living Compact to explore, built from the organisations of the
//! Leicestershire, Lincolnshire and East Sussex Compact documents, with a case at every stage.
//!
//! The people are invented; the organisations are the kinds those documents name. Cases are
//! raised and carried forward through the store, exactly as people would, at times in the
//! recent past of the service's clock, so deadlines and reminders fall where they should.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use disputes_store::{NewOrganisation, NewPerson, PageRequest, Store};
use disputes_workflow::rules::consultation::ConsultationFacts;
use disputes_workflow::rules::notice::{ChangeKind, Instrument, NoticeDates, NoticeFacts};
use disputes_workflow::{
    Action, Actor, Command, CompactSettings, ExternalBody, FormalOutcome, NewCase, OrganisationId,
    PanelCandidate, Person, ProposedPanel, RecommendationDraft, RecommendationStatus, Role, Roles,
    Sector, Text, Title,
};

use crate::auth::{new_secret, password};
use crate::cli::Failure;

/// The organisations: name, sector, grouping.
const ORGANISATIONS: &[(&str, Sector, &str)] = &[
    (
        "Leicestershire County Council",
        Sector::Psa,
        "Local Government",
    ),
    ("Charnwood Borough Council", Sector::Psa, "Local Government"),
    ("Melton Borough Council", Sector::Psa, "Local Government"),
    (
        "Harborough District Council",
        Sector::Psa,
        "Local Government",
    ),
    ("Blaby District Council", Sector::Psa, "Local Government"),
    ("Rutland County Council", Sector::Psa, "Local Government"),
    (
        "Leicestershire County and Rutland Primary Care Trust",
        Sector::Psa,
        "Health and Social Care",
    ),
    (
        "Leicestershire Fire and Rescue Service",
        Sector::Psa,
        "Police, Uniformed and Legal",
    ),
    (
        "Leicestershire Constabulary",
        Sector::Psa,
        "Police, Uniformed and Legal",
    ),
    (
        "Voluntary Action Leicestershire",
        Sector::Vcs,
        "Voluntary and Community",
    ),
    (
        "Rural Community Council (Leicestershire and Rutland)",
        Sector::Vcs,
        "Voluntary and Community",
    ),
    (
        "Age Concern Leicestershire and Rutland",
        Sector::Vcs,
        "Voluntary and Community",
    ),
    (
        "Leicestershire Disability Association",
        Sector::Vcs,
        "Voluntary and Community",
    ),
    (
        "Charnwood Community Transport",
        Sector::Vcs,
        "Voluntary and Community",
    ),
    (
        "Melton Youth Project",
        Sector::Vcs,
        "Children and Young People",
    ),
    (
        "Loughborough Carers Centre",
        Sector::Vcs,
        "Health and Social Care",
    ),
    (
        "Blaby Community Larder",
        Sector::Vcs,
        "Voluntary and Community",
    ),
    // The Compact's host, which employs the facilitator and the subgroup's chair: a party to
    // none of the cases they oversee.
    ("Leicestershire Together", Sector::Psa, "Partnership"),
];

/// The Compact's host organisation (index above).
const HOST: usize = 17;

/// The people who read the service in Welsh, by email: the rest read it in English.
const WELSH_SPEAKERS: &[&str] = &["g.lloyd@fire.example.org"];

/// The people: name, email, organisation (index above), roles.
const PEOPLE: &[(&str, &str, usize, &[Role])] = &[
    (
        "Priya Shah",
        "facilitator@compact.example.org",
        HOST,
        &[Role::Facilitator],
    ),
    (
        "Margaret Ellis",
        "chair@compact.example.org",
        HOST,
        &[Role::Subgroup, Role::Chair],
    ),
    (
        "Tom Whitaker",
        "t.whitaker@rcc.example.org",
        10,
        &[Role::Subgroup],
    ),
    (
        "Aisha Begum",
        "a.begum@carers.example.org",
        15,
        &[Role::Subgroup],
    ),
    (
        "Gareth Lloyd",
        "g.lloyd@fire.example.org",
        7,
        &[Role::Subgroup],
    ),
    (
        "Helen Marsh",
        "h.marsh@pct.example.org",
        6,
        &[Role::Subgroup],
    ),
    (
        "Sam Okafor",
        "s.okafor@police.example.org",
        8,
        &[Role::Subgroup],
    ),
    (
        "Ruth Pearson",
        "r.pearson@rutland.example.org",
        5,
        &[Role::Subgroup],
    ),
    (
        "Jo Patel",
        "jo.patel@ageconcern.example.org",
        11,
        &[Role::Member],
    ),
    (
        "Dennis Hardy",
        "d.hardy@ageconcern.example.org",
        11,
        &[Role::Champion],
    ),
    ("Linda Cole", "l.cole@leics.example.org", 0, &[Role::Member]),
    (
        "Mark Rowe",
        "m.rowe@leics.example.org",
        0,
        &[Role::Champion],
    ),
    (
        "Fiona Grant",
        "f.grant@lda.example.org",
        12,
        &[Role::Member, Role::Champion],
    ),
    (
        "Neil Booth",
        "n.booth@charnwood.example.org",
        1,
        &[Role::Member, Role::Champion],
    ),
    (
        "Kate Simmons",
        "k.simmons@transport.example.org",
        13,
        &[Role::Member],
    ),
    ("Imran Ali", "i.ali@melton.example.org", 2, &[Role::Member]),
    (
        "Becky Nolan",
        "b.nolan@youth.example.org",
        14,
        &[Role::Member],
    ),
    (
        "Colin Yates",
        "c.yates@harborough.example.org",
        3,
        &[Role::Member],
    ),
    (
        "Sue Turner",
        "s.turner@carers.example.org",
        15,
        &[Role::Member],
    ),
    (
        "Alan Price",
        "a.price@blaby.example.org",
        4,
        &[Role::Member],
    ),
    (
        "Mary Quinn",
        "m.quinn@larder.example.org",
        16,
        &[Role::Member],
    ),
    (
        "Ravi Mistry",
        "r.mistry@val.example.org",
        9,
        &[Role::Member, Role::Champion],
    ),
    ("Claire Dunn", "c.dunn@pct.example.org", 6, &[Role::Member]),
];

struct Demo<'a> {
    store: &'a Store,
    settings: &'a CompactSettings,
    now: DateTime<Utc>,
    organisations: Vec<OrganisationId>,
    people: Vec<Person>,
}

/// A passage of the demonstration's own, fixed text.
#[allow(clippy::expect_used)]
fn text(s: &'static str) -> Text {
    Text::parse(s).expect("the demonstration's texts are not empty")
}

/// Who takes a step of a story, by index into [`PEOPLE`].
type Step = (i64, usize, Action);

impl Demo<'_> {
    fn person(&self, index: usize) -> &Person {
        &self.people[index]
    }

    fn panel(&self, members: [usize; 2]) -> ProposedPanel {
        ProposedPanel {
            members: members
                .iter()
                .map(|i| {
                    let person = self.person(*i);
                    PanelCandidate {
                        person_id: person.id,
                        organisation_id: person.organisation_id,
                        sector: ORGANISATIONS[PEOPLE[*i].2].1,
                        roles: person.roles,
                    }
                })
                .collect(),
            chair_id: self.person(members[0]).id,
        }
    }

    /// Raises a case `days_ago` days ago and takes `steps`, each `days` after the raising.
    #[allow(clippy::too_many_arguments)]
    async fn story(
        &self,
        raiser: usize,
        respondent_org: usize,
        title: &str,
        summary: &'static str,
        principles: &[&str],
        notice: Option<NoticeFacts>,
        consultation: Option<ConsultationFacts>,
        days_ago: i64,
        steps: Vec<Step>,
    ) -> Result<String, Failure> {
        let opened = self.now - Duration::days(days_ago);
        let new = NewCase {
            respondent_organisation_id: self.organisations[respondent_org],
            title: Title::parse(title).map_err(|e| Failure::new(e.to_string()))?,
            summary: text(summary),
            principles: principles.iter().map(|p| (*p).to_owned()).collect(),
            desired_outcome: text("That the Compact is kept, and the decision looked at again."),
            notice,
            consultation,
        };
        let stored = self
            .store
            .raise_case(new, self.person(raiser), opened, self.settings)
            .await?;
        // Each step is taken as the person would, through the workflow's rules.
        for (days, who, action) in steps {
            let command = Command {
                actor: Actor::Person(self.person(who).clone()),
                action,
                at: opened + Duration::days(days) + Duration::hours(2),
                note: None,
            };
            self.store.apply(&stored.reference, &command, None).await?;
        }
        Ok(stored.reference)
    }
}

fn date(now: DateTime<Utc>, days_from_now: i64) -> NaiveDate {
    (now + Duration::days(days_from_now)).date_naive()
}

/// Loads the demonstration into an empty database; returns what to print.
pub async fn load(
    store: &Store,
    settings: &CompactSettings,
    now: DateTime<Utc>,
    password: Option<String>,
) -> Result<String, Failure> {
    if store.organisations(PageRequest::new(1, 1)).await?.total > 0 {
        return Err(Failure::new(
            "the database already has organisations; the demonstration loads only into an \
             empty one",
        ));
    }
    let (password, generated) = demo_password(password)?;
    let hash = password::hash(password.clone())
        .await
        .map_err(|_| Failure::new("could not hash the password"))?;
    let joined = now - Duration::days(400);
    let mut organisations = Vec::new();
    for (name, sector, grouping) in ORGANISATIONS {
        let grouping = if settings.groupings.iter().any(|g| g == grouping) {
            (*grouping).to_owned()
        } else {
            settings.groupings.first().cloned().unwrap_or_default()
        };
        let created = store
            .create_organisation(
                NewOrganisation {
                    name: (*name).to_owned(),
                    sector: *sector,
                    grouping,
                    signatory_since: Some(joined.date_naive()),
                },
                joined,
            )
            .await?;
        organisations.push(created.id);
    }
    let mut people = Vec::new();
    for (name, email, org, roles) in PEOPLE {
        let created = store
            .create_person(
                NewPerson {
                    email: (*email).to_owned(),
                    name: (*name).to_owned(),
                    organisation_id: organisations[*org],
                    roles: roles.iter().copied().collect::<Roles>(),
                    password_hash: hash.clone(),
                    language: if WELSH_SPEAKERS.contains(email) {
                        disputes_i18n::Lang::Cy
                    } else {
                        disputes_i18n::Lang::En
                    },
                },
                joined,
            )
            .await?;
        people.push(created.person);
    }
    let demo = Demo {
        store,
        settings,
        now,
        organisations,
        people,
    };
    let cases = stories(&demo).await?;

    let mut out = format!(
        "Loaded the demonstration Compact: {} organisations, {} people, {} cases.\n\n",
        ORGANISATIONS.len(),
        PEOPLE.len(),
        cases.len(),
    );
    out.push_str(&sign_in_with(&password_words(&password, generated)));
    out.push_str("\nCases: ");
    out.push_str(&cases.join(", "));
    out.push_str(
        "\n\n`disputes demo accounts` prints these accounts again; the password is not kept.",
    );
    Ok(out)
}

/// The password the demonstration accounts get: the one given, or one made at random (and
/// whether it was).
fn demo_password(given: Option<String>) -> Result<(String, bool), Failure> {
    match given {
        Some(password) => Ok((password, false)),
        None => {
            let secret = new_secret().map_err(|_| Failure::new("no randomness available"))?;
            Ok((format!("demo-{}", &secret[..16]), true))
        }
    }
}

fn password_words(password: &str, generated: bool) -> String {
    if generated {
        format!("{password} (made for this demonstration)")
    } else {
        "from the file given".to_owned()
    }
}

/// The accounts that play a part in the demonstration's cases, and the password to use.
fn sign_in_with(password: &str) -> String {
    let mut out = format!("Sign in with any of these and the password {password}:\n");
    for (name, email, org, roles) in PEOPLE.iter().take(13) {
        let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        out.push_str(&format!(
            "  {email:<36} {name}, {} ({})\n",
            ORGANISATIONS[*org].0,
            roles.join(", ")
        ));
    }
    out.push_str(
        "Accounts whose roles are in auth.require_second_factor (by default the facilitator, \
         the chair and panel members) set up an authenticator app (any TOTP app: Microsoft or \
         Google Authenticator, 2FAS) the first time they sign in.\n",
    );
    out
}

/// `disputes demo accounts`: the demonstration's accounts again, and, with `new_password`,
/// a new password for every one of them (which signs out whoever is signed in with them).
pub async fn accounts(
    store: &Store,
    new_password: Option<Option<String>>,
) -> Result<String, Failure> {
    let mut found = Vec::new();
    for (_, email, _, _) in PEOPLE {
        if let Some((person, _)) = store.credentials(email).await? {
            found.push(person.person.id);
        }
    }
    if found.is_empty() {
        return Err(Failure::new(
            "there are no demonstration accounts in this database; `disputes demo` (or \
             `disputes serve --demo`) loads them into an empty one",
        ));
    }
    let Some(given) = new_password else {
        return Ok(format!(
            "{}\nThe password was printed when the demonstration was loaded, and is not kept. \
             To set a new one for every demonstration account, run \
             `disputes demo accounts --new-password`.",
            sign_in_with("printed when it was loaded")
        ));
    };
    let (password, generated) = demo_password(given)?;
    let hash = password::hash(password.clone())
        .await
        .map_err(|_| Failure::new("could not hash the password"))?;
    for id in &found {
        store
            .update_person(
                *id,
                disputes_store::PersonChanges {
                    password_hash: Some(hash.clone()),
                    ..disputes_store::PersonChanges::default()
                },
            )
            .await?;
        store.close_sessions_of(*id, None).await?;
    }
    Ok(format!(
        "Gave the {} demonstration accounts a new password.\n\n{}",
        found.len(),
        sign_in_with(&password_words(&password, generated))
    ))
}

/// Indexes into PEOPLE, by part played.
mod who {
    pub(super) const FACILITATOR: usize = 0;
    pub(super) const CHAIR: usize = 1;
    pub(super) const VCS_PANEL: [usize; 2] = [2, 3];
    pub(super) const PSA_PANEL: [usize; 4] = [4, 5, 6, 7];
    pub(super) const AGE_CONCERN: usize = 8;
    pub(super) const COUNTY: usize = 10;
    pub(super) const DISABILITY: usize = 12;
    pub(super) const CHARNWOOD: usize = 13;
    pub(super) const TRANSPORT: usize = 14;
    pub(super) const MELTON: usize = 15;
    pub(super) const YOUTH: usize = 16;
    pub(super) const HARBOROUGH: usize = 17;
    pub(super) const CARERS: usize = 18;
    pub(super) const BLABY: usize = 19;
    pub(super) const LARDER: usize = 20;
    pub(super) const VAL: usize = 21;
    pub(super) const PCT: usize = 22;
}

/// Organisation indexes of the respondents.
mod org {
    pub(super) const COUNTY: usize = 0;
    pub(super) const CHARNWOOD: usize = 1;
    pub(super) const MELTON: usize = 2;
    pub(super) const HARBOROUGH: usize = 3;
    pub(super) const BLABY: usize = 4;
    pub(super) const PCT: usize = 6;
}

#[allow(clippy::too_many_lines)]
async fn stories(d: &Demo<'_>) -> Result<Vec<String>, Failure> {
    use who::*;
    let reason = text;
    let now = d.now;
    let formal_panel = d.panel([VCS_PANEL[0], PSA_PANEL[0]]);
    let appeal_panel = d.panel([VCS_PANEL[1], PSA_PANEL[1]]);
    let other_panel = d.panel([VCS_PANEL[0], PSA_PANEL[2]]);
    let decision = |outcome, owner: usize| Action::IssueDecision {
        outcome,
        findings: text(
            "The panel read the papers of both parties and heard them on the same day. The \
             notice given was short of what the Compact asks.",
        ),
        recommendations: vec![RecommendationDraft {
            text: text("Give three months' written notice of any change to grant funding."),
            owner_organisation_id: d.organisations[owner],
            due_on: date(now, 120),
        }],
    };
    let escalate = || Action::Escalate {
        reason: Some(reason("Dialogue has not moved the decision.")),
    };
    let mut cases = Vec::new();

    // Raised two days ago: a grant ended at two weeks' notice, a notice breach (urgent).
    cases.push(
        d.story(
            AGE_CONCERN,
            org::COUNTY,
            "Day-centre grant ended at two weeks' notice",
            "The county council wrote on the 1st to say the day-centre grant ends on the 15th.",
            &["notice", "funding_and_procurement"],
            Some(NoticeFacts {
                change_kind: ChangeKind::Cessation,
                instrument: Instrument::Grant,
                dates: NoticeDates {
                    notified_on: date(now, -3),
                    effective_on: date(now, 11),
                    defined_end_on: None,
                },
            }),
            None,
            2,
            vec![],
        )
        .await?,
    );
    // In dialogue: a six-week consultation on community transport.
    cases.push(
        d.story(
            TRANSPORT,
            org::CHARNWOOD,
            "Six-week consultation on community transport routes",
            "The routes consultation ran for six weeks, with no reason given for the short time.",
            &["consultation"],
            None,
            Some(ConsultationFacts {
                opened_on: date(now, -60),
                closes_on: date(now, -18),
                shortened_reason: None,
            }),
            8,
            vec![(2, CHARNWOOD, Action::Acknowledge)],
        )
        .await?,
    );
    // Resolution proposed: hall hire charges doubled.
    cases.push(
        d.story(
            DISABILITY,
            org::MELTON,
            "Hall hire charges doubled without discussion",
            "The borough doubled hall hire charges for community groups from April.",
            &["partnership", "community_groups"],
            None,
            None,
            10,
            vec![
                (1, MELTON, Action::Acknowledge),
                (
                    6,
                    MELTON,
                    Action::ProposeResolution {
                        terms: text(
                            "The old rate stays for the current year; new rates from next April.",
                        ),
                    },
                ),
            ],
        )
        .await?,
    );
    // Submitted to the subgroup.
    cases.push(
        d.story(
            YOUTH,
            org::HARBOROUGH,
            "Funding review after the youth project's campaign",
            "Funding was put under review a week after the project campaigned against closures.",
            &["independence"],
            None,
            None,
            14,
            vec![
                (2, HARBOROUGH, Action::Acknowledge),
                (12, YOUTH, escalate()),
            ],
        )
        .await?,
    );
    // Awaiting a panel.
    cases.push(
        d.story(
            VAL,
            org::PCT,
            "Contract price leaves out overheads",
            "The primary care trust's contract price covers staff time but none of the overheads.",
            &["full_cost_recovery"],
            None,
            None,
            20,
            vec![
                (1, PCT, Action::Acknowledge),
                (10, VAL, escalate()),
                (13, CHAIR, Action::AcceptFormal),
            ],
        )
        .await?,
    );
    // Under review by a panel.
    cases.push(
        d.story(
            CARERS,
            org::COUNTY,
            "Carers' breaks service re-tendered without notice",
            "The breaks service was put out to tender with a month's warning.",
            &["notice", "funding_and_procurement"],
            None,
            None,
            26,
            vec![
                (2, COUNTY, Action::Acknowledge),
                (11, CARERS, escalate()),
                (13, CHAIR, Action::AcceptFormal),
                (
                    17,
                    CHAIR,
                    Action::ConvenePanel {
                        panel: formal_panel.clone(),
                    },
                ),
            ],
        )
        .await?,
    );
    // Decided; the appeal window is open.
    cases.push(
        d.story(
            LARDER,
            org::BLABY,
            "Food larder premises withdrawn",
            "The council withdrew the larder's premises with a month's notice.",
            &["notice"],
            None,
            None,
            40,
            vec![
                (1, BLABY, Action::Acknowledge),
                (9, LARDER, escalate()),
                (12, CHAIR, Action::AcceptFormal),
                (
                    15,
                    CHAIR,
                    Action::ConvenePanel {
                        panel: formal_panel.clone(),
                    },
                ),
                (
                    22,
                    BLABY,
                    Action::SubmitResponse {
                        body: text("The premises were needed for the council's own use."),
                    },
                ),
                (
                    30,
                    VCS_PANEL[0],
                    decision(FormalOutcome::PartlyUpheld, org::BLABY),
                ),
            ],
        )
        .await?,
    );
    // Appeal lodged.
    cases.push(
        d.story(
            AGE_CONCERN,
            org::PCT,
            "Befriending service cut mid-year",
            "The befriending service's funding was cut by a third half-way through the year.",
            &["funding_and_procurement", "notice"],
            None,
            None,
            55,
            vec![
                (1, PCT, Action::Acknowledge),
                (9, AGE_CONCERN, escalate()),
                (12, CHAIR, Action::AcceptFormal),
                (
                    15,
                    CHAIR,
                    Action::ConvenePanel {
                        panel: formal_panel.clone(),
                    },
                ),
                (
                    25,
                    PCT,
                    Action::SubmitResponse {
                        body: text("The cut was across all services."),
                    },
                ),
                (
                    40,
                    VCS_PANEL[0],
                    decision(FormalOutcome::NotUpheld, org::PCT),
                ),
                (
                    48,
                    AGE_CONCERN,
                    Action::Appeal {
                        grounds: text("The panel did not consider the mid-year timing."),
                    },
                ),
            ],
        )
        .await?,
    );
    // Appeal under review.
    cases.push(
        d.story(
            DISABILITY,
            org::COUNTY,
            "Accessible transport grant merged without consultation",
            "Two grants were merged into one, with new conditions, and no one was asked.",
            &["consultation", "equality"],
            None,
            None,
            75,
            vec![
                (1, COUNTY, Action::Acknowledge),
                (9, DISABILITY, escalate()),
                (12, CHAIR, Action::AcceptFormal),
                (
                    14,
                    CHAIR,
                    Action::ConvenePanel {
                        panel: formal_panel.clone(),
                    },
                ),
                (
                    22,
                    COUNTY,
                    Action::SubmitResponse {
                        body: text("The merger simplifies monitoring."),
                    },
                ),
                (
                    38,
                    VCS_PANEL[0],
                    decision(FormalOutcome::Upheld, org::COUNTY),
                ),
                (
                    45,
                    COUNTY,
                    Action::Appeal {
                        grounds: text("Consultation happened through the forum."),
                    },
                ),
                (
                    50,
                    CHAIR,
                    Action::ConveneAppealPanel {
                        panel: appeal_panel.clone(),
                    },
                ),
            ],
        )
        .await?,
    );
    // Paused while the parties try mediation.
    cases.push(
        d.story(
            TRANSPORT,
            org::COUNTY,
            "Volunteer driver mileage rate frozen",
            "The mileage rate paid to volunteer drivers was frozen without discussion.",
            &["volunteering"],
            None,
            None,
            18,
            vec![
                (2, COUNTY, Action::Acknowledge),
                (
                    6,
                    FACILITATOR,
                    Action::Pause {
                        reason: reason("The parties are trying mediation first."),
                    },
                ),
            ],
        )
        .await?,
    );
    // Closed: resolved informally.
    cases.push(
        d.story(
            YOUTH,
            org::MELTON,
            "Youth club rent review",
            "The rent for the youth club's building was to rise by half.",
            &["community_groups"],
            None,
            None,
            120,
            vec![
                (2, MELTON, Action::Acknowledge),
                (
                    6,
                    MELTON,
                    Action::ProposeResolution {
                        terms: text("A phased rise over three years."),
                    },
                ),
                (8, YOUTH, Action::AcceptResolution),
            ],
        )
        .await?,
    );
    // Closed: withdrawn.
    cases.push(
        d.story(
            CARERS,
            org::PCT,
            "Information sharing on hospital discharge",
            "Carers are not told when the person they care for leaves hospital.",
            &["information_sharing"],
            None,
            None,
            100,
            vec![
                (3, PCT, Action::Acknowledge),
                (
                    9,
                    CARERS,
                    Action::Withdraw {
                        reason: reason("The trust has agreed a new protocol."),
                    },
                ),
            ],
        )
        .await?,
    );
    // Closed: upheld, both parties accepted; recommendation implemented.
    let upheld = d
        .story(
            LARDER,
            org::CHARNWOOD,
            "Grant cut with four weeks' notice",
            "The emergency food grant was cut with four weeks' notice.",
            &["notice"],
            None,
            None,
            150,
            vec![
                (1, CHARNWOOD, Action::Acknowledge),
                (9, LARDER, escalate()),
                (12, CHAIR, Action::AcceptFormal),
                (
                    15,
                    CHAIR,
                    Action::ConvenePanel {
                        panel: other_panel.clone(),
                    },
                ),
                (
                    24,
                    CHARNWOOD,
                    Action::SubmitResponse {
                        body: text("The budget was set late."),
                    },
                ),
                (
                    34,
                    VCS_PANEL[0],
                    decision(FormalOutcome::Upheld, org::CHARNWOOD),
                ),
                (36, LARDER, Action::AcceptDecision),
                (37, CHARNWOOD, Action::AcceptDecision),
                (
                    90,
                    FACILITATOR,
                    Action::MarkRecommendation {
                        recommendation: 0,
                        status: RecommendationStatus::Implemented,
                    },
                ),
                (
                    91,
                    FACILITATOR,
                    Action::RecordLessons {
                        lessons: text("Budget timetables should allow three months' notice."),
                    },
                ),
                (92, FACILITATOR, Action::ReferCaseStudy),
            ],
        )
        .await?;
    cases.push(upheld);
    // Closed: referred to mediation.
    cases.push(
        d.story(
            VAL,
            org::COUNTY,
            "Infrastructure support contract awarded without tender",
            "The support contract for the sector went to a national body without competition.",
            &["funding_and_procurement", "partnership"],
            None,
            None,
            90,
            vec![
                (2, COUNTY, Action::Acknowledge),
                (10, VAL, escalate()),
                (
                    13,
                    CHAIR,
                    Action::ReferExternally {
                        to: ExternalBody::Mediation,
                        reason: reason("Both parties asked for independent mediation."),
                    },
                ),
            ],
        )
        .await?,
    );
    Ok(cases)
}
