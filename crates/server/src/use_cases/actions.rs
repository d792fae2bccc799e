//! Building a workflow action from the fields someone sent, read field by field from the
//! action's own table ([`ActionKind::fields`]): the API's bodies and the pages' forms both
//! arrive here, and so does the OpenAPI document's description of each action's body.

use std::borrow::Cow;

use chrono::NaiveDate;
use disputes_workflow::{
    Action, ActionField, ActionKind, AppealResult, DeadlineKind, ExternalBody, FieldError,
    FieldErrorCode, FormalOutcome, Input, OrganisationId, PersonId, ProposedPanel,
    RecommendationDraft, RecommendationStatus, Text, action::PANEL_CHAIR, action::PANEL_MEMBERS,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

use crate::extract::{date, shape_error};
use crate::problem::{ApiError, field_problem};
use crate::state::AppState;

/// The most members a panel may be proposed with: far above any Compact's panel, low enough
/// that a request cannot make the service look up thousands of people.
pub const MAX_PANEL_MEMBERS: usize = 20;

/// A recommendation as a panel writes it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationInput {
    /// What should be done.
    pub text: String,
    /// The organisation that should do it.
    pub owner_organisation_id: i64,
    /// By when.
    #[serde(deserialize_with = "date::plausible")]
    pub due_on: NaiveDate,
}

/// The fields of an action as sent: a JSON object whose members are the action's fields (see
/// [`ActionKind::fields`]), an optional `note` for the timeline, and optionally `action`
/// naming the action the address names. Read whole, then checked field by field, so every
/// problem is named at once and a field the action does not take is an error.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ActionRequest(Map<String, Value>);

impl ActionRequest {
    /// Sets the field `name` as sent; how the pages put a form's fields into a request.
    pub fn set(&mut self, name: &str, value: impl Serialize) {
        self.0.insert(name.to_owned(), json_of(value));
    }
}

/// Builds the workflow's action from the address's name and the body's fields. The API's
/// way: a recommendation is marked through the reports' route, which names it.
pub async fn action(
    state: &AppState,
    kind: ActionKind,
    request: ActionRequest,
) -> Result<(Action, Option<Text>), ApiError> {
    if kind == ActionKind::MarkRecommendation {
        return Err(ApiError::not_found());
    }
    build(state, kind, request).await
}

/// Builds an action of `kind` from `request`, refusing missing required fields, fields the
/// action does not take, and values that cannot be used, all at once.
pub async fn build(
    state: &AppState,
    kind: ActionKind,
    ActionRequest(mut sent): ActionRequest,
) -> Result<(Action, Option<Text>), ApiError> {
    let mut errors = Vec::new();
    if let Some(named) = sent.remove("action")
        && named.as_str() != Some(kind.as_str())
    {
        errors.push(field_problem(
            "action",
            "field-action-mismatch",
            vec![("action", kind.as_str().into())],
        ));
    }
    let note = take::<String>(&mut sent, "note", false, &mut errors)
        .and_then(|note| text("note", &note, &mut errors));
    let mut built = Map::new();
    built.insert("action".to_owned(), kind.as_str().into());
    for field in kind.fields() {
        if let Some(value) = read(state, field, &mut sent, &mut errors).await? {
            built.insert(field.name.to_owned(), value);
        }
    }
    for name in sent.keys() {
        errors.push(FieldError {
            code: FieldErrorCode::Unknown,
            ..field_problem(
                name,
                "field-not-a-field-of",
                vec![("action", kind.as_str().into())],
            )
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    // Every field was checked above as the action's type reads it; this cannot refuse what
    // passed, but if it ever did the person would hear of it rather than the log alone.
    let action = serde_json::from_value(Value::Object(built))
        .map_err(|error| ApiError::invalid(vec![FieldError::new("body", error.to_string())]))?;
    Ok((action, note))
}

/// Reads one field of an action out of `sent`, as the action's type will hold it.
async fn read(
    state: &AppState,
    field: &ActionField,
    sent: &mut Map<String, Value>,
    errors: &mut Vec<FieldError>,
) -> Result<Option<Value>, ApiError> {
    let (name, required) = (field.name, field.required);
    let value = match field.input {
        Input::Text => take::<String>(sent, name, required, errors)
            .and_then(|value| text(name, &value, errors))
            .map(json_of),
        Input::Outcome => take::<FormalOutcome>(sent, name, required, errors).map(json_of),
        Input::AppealResult => take::<AppealResult>(sent, name, required, errors).map(json_of),
        Input::Days => take::<u32>(sent, name, required, errors).map(json_of),
        Input::Deadline => take::<DeadlineKind>(sent, name, required, errors).map(json_of),
        Input::External => take::<ExternalBody>(sent, name, required, errors).map(json_of),
        Input::Index => take::<usize>(sent, name, required, errors).map(json_of),
        Input::RecommendationStatus => {
            take::<RecommendationStatus>(sent, name, required, errors).map(json_of)
        }
        Input::Panel => panel(state, sent, required, errors).await?.map(json_of),
        Input::Recommendations => recommendations(state, sent, name, required, errors)
            .await?
            .map(json_of),
    };
    Ok(value)
}

fn json_of(value: impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Takes the field `name` out of `sent` and reads it as a `T`: `None`, with the error, when
/// it is missing but required or cannot be read; `None` alone when it is missing (or null)
/// and may be.
fn take<T: DeserializeOwned>(
    sent: &mut Map<String, Value>,
    name: &str,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match sent.remove(name) {
        None | Some(Value::Null) => {
            if required {
                errors.push(FieldError::required(name));
            }
            None
        }
        Some(value) => serde_path_to_error::deserialize(value)
            .map_err(|error| {
                let inner = error.path().to_string();
                let path = match inner.as_str() {
                    "." => name.to_owned(),
                    index if index.starts_with('[') => format!("{name}{index}"),
                    inner => format!("{name}.{inner}"),
                };
                errors.push(shape_error(&path, name, &error.into_inner().to_string()));
            })
            .ok(),
    }
}

fn text(field: &str, value: &str, errors: &mut Vec<FieldError>) -> Option<Text> {
    Text::parse(value)
        .map_err(|e| errors.push(e.on(field)))
        .ok()
}

/// A proposed panel, from its members' and its chair's ids: the people themselves, with
/// their organisations and sectors, for the workflow's panel rules.
async fn panel(
    state: &AppState,
    sent: &mut Map<String, Value>,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Result<Option<ProposedPanel>, ApiError> {
    let members = take::<Vec<i64>>(sent, PANEL_MEMBERS, required, errors);
    let chair = take::<i64>(sent, PANEL_CHAIR, required, errors);
    let (Some(members), Some(chair)) = (members, chair) else {
        return Ok(None);
    };
    if members.len() > MAX_PANEL_MEMBERS {
        errors.push(field_problem(
            PANEL_MEMBERS,
            "field-panel-most",
            vec![("max", MAX_PANEL_MEMBERS.into())],
        ));
        return Ok(None);
    }
    let ids: Vec<PersonId> = members.into_iter().map(PersonId).collect();
    let candidates = state.store.panel_candidates(&ids).await?;
    Ok(Some(ProposedPanel {
        members: candidates,
        chair_id: PersonId(chair),
    }))
}

/// A decision's recommendations, each naming an organisation that exists. Each error names
/// the recommendation as it was sent, whatever else is wrong.
async fn recommendations(
    state: &AppState,
    sent: &mut Map<String, Value>,
    name: &str,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Result<Option<Vec<RecommendationDraft>>, ApiError> {
    let Some(inputs) = take::<Vec<RecommendationInput>>(sent, name, required, errors) else {
        return Ok(None);
    };
    let mut drafts = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.into_iter().enumerate() {
        let text = text(&format!("{name}[{i}].text"), &input.text, errors);
        let owner = OrganisationId(input.owner_organisation_id);
        let known = state.store.organisation(owner).await.is_ok();
        if !known {
            errors.push(field_problem(
                &format!("{name}[{i}].owner_organisation_id"),
                "field-no-such-organisation",
                Vec::new(),
            ));
        }
        if let (Some(text), true) = (text, known) {
            drafts.push(RecommendationDraft {
                text,
                owner_organisation_id: owner,
                due_on: input.due_on,
            });
        }
    }
    Ok(Some(drafts))
}

/// The actions a body may be sent for on `/cases/{reference}/actions/{action}`.
fn documented() -> impl Iterator<Item = ActionKind> {
    ActionKind::ALL
        .iter()
        .copied()
        .filter(|kind| *kind != ActionKind::MarkRecommendation)
}

/// The name of the schema of `kind`'s body: `EscalateRequest`.
fn schema_name(kind: ActionKind) -> String {
    format!("{kind:?}Request")
}

/// The schema of a body for `kind`: exactly its fields, each as its table describes it.
fn action_schema(kind: ActionKind) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "action".to_owned(),
        json!({"type": "string", "enum": [kind.as_str()],
               "description": "The action, as the address names it"}),
    );
    properties.insert(
        "note".to_owned(),
        json!({"type": "string", "maxLength": Text::MAX_CHARS,
               "description": "A note kept with the event, for everyone who can see the case"}),
    );
    let mut required = vec![Value::from("action")];
    let english = disputes_i18n::Locale::built_in(disputes_i18n::Lang::En);
    for field in kind.fields() {
        // The schema speaks English: the form's own label and hint for the field.
        let key = crate::labels::field_key(kind, field.name);
        let hint = format!("{key}-hint");
        let about = if english.has(&hint) {
            format!("{}. {}", english.t(&key), english.t(&hint))
        } else {
            english.t(&key)
        };
        let reference = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
        let schema = match field.input {
            Input::Text => json!({"type": "string", "minLength": 1, "maxLength": Text::MAX_CHARS}),
            Input::Outcome => reference("FormalOutcome"),
            Input::AppealResult => reference("AppealResult"),
            Input::Days => json!({"type": "integer", "format": "int32", "minimum": 0}),
            Input::Deadline => reference("DeadlineKind"),
            Input::External => reference("ExternalBody"),
            Input::Index => json!({"type": "integer", "minimum": 0}),
            Input::RecommendationStatus => reference("RecommendationStatus"),
            Input::Recommendations => {
                json!({"type": "array", "items": reference("RecommendationInput")})
            }
            Input::Panel => json!({
                "type": "array", "maxItems": MAX_PANEL_MEMBERS,
                "items": {"type": "integer", "format": "int64"},
            }),
        };
        let mut described = |name: &str, mut schema: Value, about: String| {
            schema
                .as_object_mut()
                .map(|s| s.insert("description".to_owned(), about.into()));
            properties.insert(name.to_owned(), schema);
            if field.required {
                required.push(name.into());
            }
        };
        if field.input == Input::Panel {
            described(PANEL_MEMBERS, schema, format!("{about}: the members' ids"));
            described(
                PANEL_CHAIR,
                json!({"type": "integer", "format": "int64"}),
                "The member who chairs the panel".to_owned(),
            );
        } else if schema.get("$ref").is_some() {
            // A reference takes no siblings in OpenAPI 3.0's reading; wrap it to describe it.
            described(field.name, json!({"allOf": [schema]}), about);
        } else {
            described(field.name, schema, about);
        }
    }
    json!({
        "type": "object",
        "title": kind.as_str(),
        "description": format!("The fields to {}", kind.describe()),
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn schema_of(value: Value) -> RefOr<Schema> {
    serde_json::from_value(value).unwrap_or_default()
}

impl PartialSchema for ActionRequest {
    /// One of the actions' bodies, told apart by `action`; the address names the action too,
    /// and the service also takes a body without `action` (or none at all, for an action
    /// with no fields).
    fn schema() -> RefOr<Schema> {
        let one_of: Vec<Value> = documented()
            .map(|kind| json!({"$ref": format!("#/components/schemas/{}", schema_name(kind))}))
            .collect();
        let mapping: Map<String, Value> = documented()
            .map(|kind| {
                let target = format!("#/components/schemas/{}", schema_name(kind));
                (kind.as_str().to_owned(), Value::from(target))
            })
            .collect();
        schema_of(json!({
            "oneOf": one_of,
            "discriminator": {"propertyName": "action", "mapping": mapping},
        }))
    }
}

impl ToSchema for ActionRequest {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ActionRequest")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        for kind in documented() {
            schemas.push((schema_name(kind), schema_of(action_schema(kind))));
        }
        fn referenced<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) {
            schemas.push((T::name().into_owned(), T::schema()));
            T::schemas(schemas);
        }
        referenced::<FormalOutcome>(schemas);
        referenced::<AppealResult>(schemas);
        referenced::<DeadlineKind>(schemas);
        referenced::<ExternalBody>(schemas);
        referenced::<RecommendationStatus>(schemas);
        referenced::<RecommendationInput>(schemas);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_actions_schema_names_exactly_its_fields() {
        for kind in documented() {
            let schema = action_schema(kind);
            let mut named: Vec<&str> = schema["properties"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            named.sort_unstable();
            let mut expected: Vec<&str> = kind
                .fields()
                .iter()
                .flat_map(ActionField::wire_names)
                .chain(["action", "note"])
                .collect();
            expected.sort_unstable();
            assert_eq!(named, expected, "{kind}");
            let required = schema["required"].as_array().unwrap();
            for field in kind.fields() {
                for name in field.wire_names() {
                    assert_eq!(
                        required.contains(&Value::from(name)),
                        field.required,
                        "{kind}.{name}"
                    );
                }
            }
            assert!(
                !matches!(schema_of(schema), RefOr::T(Schema::Object(ref o)) if o.properties.is_empty())
            );
        }
    }
}
