//! A small Compact made through the API, the same for the in-process and the end-to-end
//! tests: organisations of both sectors, and people in every role a case needs.

use std::collections::HashMap;
use std::future::Future;

use http::StatusCode;
use serde_json::{Value, json};

/// The password every person of the cast signs in with.
pub const PASSWORD: &str = "correct horse battery staple";

/// A client of the API, however it reaches the service (a socket, or the router in the
/// test's own process).
pub trait Api {
    /// Gets `path`; gives the status and the JSON answer.
    fn get(&self, path: &str) -> impl Future<Output = (StatusCode, Value)>;
    /// Posts a JSON body; gives the status and the JSON answer.
    fn post(&self, path: &str, body: Value) -> impl Future<Output = (StatusCode, Value)>;
}

/// What a request could have changed, as the facilitator `facilitator` sees it: every case,
/// and how many organisations and people there are. Equal before and after a refused
/// request when it changed nothing.
pub async fn fingerprint(facilitator: &impl Api) -> Value {
    let (_, cases) = facilitator.get("/api/v1/cases?per_page=100").await;
    let (_, organisations) = facilitator.get("/api/v1/organisations?per_page=100").await;
    let (_, users) = facilitator.get("/api/v1/users?per_page=100").await;
    json!({"cases": cases, "organisations": organisations["total"], "users": users["total"]})
}

/// Checks that `answer` (status, body, content type) is a well-formed problem document with
/// `status`, and gives it back.
pub fn problem(answer: &(StatusCode, Value, String), status: u16, context: &str) -> Value {
    let (got, body, content_type) = answer;
    assert_eq!(got.as_u16(), status, "{context}: {body}");
    assert_eq!(content_type, "application/problem+json", "{context}");
    assert_eq!(body["status"], status, "{context}");
    for field in ["type", "title", "detail"] {
        assert!(body[field].is_string(), "{context}: no {field} in {body}");
    }
    body.clone()
}

/// The fields a problem document names, in its order.
pub fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The organisations and people of the Compact, by name.
#[derive(Debug, Clone)]
pub struct Cast {
    /// The voluntary organisation that raises the tests' cases.
    pub volunteers: i64,
    /// The council that answers them.
    pub council: i64,
    /// A council with no part in them.
    pub other_council: i64,
    /// Each person's id, by their part.
    pub ids: HashMap<&'static str, i64>,
}

/// The organisations: key, name, sector and grouping.
const ORGANISATIONS: &[(&str, &str, &str, &str)] = &[
    (
        "volunteers",
        "Age Concern Leicestershire",
        "vcs",
        "Voluntary and Community",
    ),
    (
        "council",
        "Leicestershire County Council",
        "psa",
        "Local Government",
    ),
    (
        "compact",
        "Voluntary Action Leicestershire",
        "vcs",
        "Voluntary and Community",
    ),
    (
        "vcs_a",
        "Leicestershire Disability Association",
        "vcs",
        "Voluntary and Community",
    ),
    (
        "vcs_b",
        "Rural Community Council",
        "vcs",
        "Voluntary and Community",
    ),
    (
        "psa_a",
        "Leicestershire Fire and Rescue",
        "psa",
        "Police, Uniformed and Legal",
    ),
    (
        "psa_b",
        "Charnwood Borough Council",
        "psa",
        "Local Government",
    ),
    (
        "other_council",
        "Melton Borough Council",
        "psa",
        "Local Government",
    ),
];

impl Cast {
    /// Each person: their part, their organisation's key and their roles.
    pub const PEOPLE: &'static [(&'static str, &'static str, &'static [&'static str])] = &[
        ("raiser", "volunteers", &["member"]),
        ("raiser_champion", "volunteers", &["champion"]),
        ("respondent", "council", &["member"]),
        ("respondent_champion", "council", &["champion"]),
        ("chair", "compact", &["subgroup", "chair"]),
        ("panel_vcs", "vcs_a", &["subgroup"]),
        ("panel_psa", "psa_a", &["subgroup"]),
        ("appeal_vcs", "vcs_b", &["subgroup"]),
        ("appeal_psa", "psa_b", &["subgroup"]),
        ("other_member", "other_council", &["member"]),
        ("other_champion", "other_council", &["champion"]),
        ("subgroup", "vcs_b", &["subgroup"]),
    ];

    /// The email address of a part (the facilitator's too).
    pub fn email(part: &str) -> String {
        format!("{part}@example.org")
    }

    /// Makes the Compact through the API, as the facilitator `admin`.
    pub async fn enrol(admin: &impl Api) -> Cast {
        let mut orgs = HashMap::new();
        for (key, name, sector, grouping) in ORGANISATIONS {
            let body = json!({"name": name, "sector": sector, "grouping": grouping});
            let (status, body) = admin.post("/api/v1/organisations", body).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            orgs.insert(*key, body["id"].as_i64().unwrap());
        }
        let mut ids = HashMap::new();
        for (part, org, roles) in Cast::PEOPLE {
            let body = json!({
                "email": Cast::email(part),
                "name": part.replace('_', " "),
                "organisation_id": orgs[org],
                "roles": roles,
                "password": PASSWORD,
            });
            let (status, body) = admin.post("/api/v1/users", body).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            ids.insert(*part, body["id"].as_i64().unwrap());
        }
        Cast {
            volunteers: orgs["volunteers"],
            council: orgs["council"],
            other_council: orgs["other_council"],
            ids,
        }
    }

    /// A disagreement the volunteers raise against the council.
    pub fn new_case(&self) -> Value {
        json!({
            "respondent_organisation_id": self.council,
            "title": "Day-centre grant ended at two weeks' notice",
            "summary": "The grant ends on the 15th; we were told on the 1st.",
            "principles": ["notice", "funding_and_procurement"],
            "desired_outcome": "Three months' notice, as the Compact promises.",
        })
    }
}
