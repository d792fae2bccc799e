//! An event's content (the text people wrote) is every piece of free text it holds, and
//! removing it leaves a trail that still replays to the same case, but for the words.

use disputes_workflow::*;
use serde_json::Value;

use super::cast::{Fixture, valid};

/// Every JSON string in `value`, with its path.
fn strings(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => out.push((path.to_owned(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(fields) => {
            for (name, item) in fields {
                strings(item, &format!("{path}.{name}"), out);
            }
        }
        _ => {}
    }
}

fn removed(_: usize, _: &str) -> Option<Title> {
    Some(Title::parse(TOMBSTONE).unwrap())
}

#[test]
fn every_text_field_of_every_action_and_its_note_is_content() {
    let world = Fixture::Raised.world();
    for &kind in ActionKind::ALL {
        let event = CaseEvent {
            body: EventBody::Acted {
                action: valid(kind),
                note: Some(Text::parse("A note for the timeline.").unwrap()),
            },
            ..world.events[0].clone()
        };
        let mut before = Vec::new();
        strings(&serde_json::to_value(&event).unwrap(), "", &mut before);
        let mut emptied = event.clone();
        emptied.replace_texts(removed);
        let mut after = Vec::new();
        strings(&serde_json::to_value(&emptied).unwrap(), "", &mut after);
        let changed: Vec<&str> = before
            .iter()
            .zip(&after)
            .filter(|(b, a)| b != a)
            .map(|(b, _)| b.0.as_str())
            .collect();
        // The strings that were text fields, by the table's own description.
        let mut expected: Vec<String> = kind
            .fields()
            .iter()
            .filter(|f| f.input == Input::Text)
            .map(|f| format!(".body.action.{}", f.name))
            .collect();
        if kind
            .fields()
            .iter()
            .any(|f| f.input == Input::Recommendations)
        {
            expected.push(".body.action.recommendations[0].text".to_owned());
        }
        expected.push(".body.note".to_owned());
        let mut changed: Vec<String> = changed.into_iter().map(str::to_owned).collect();
        changed.sort();
        expected.sort();
        assert_eq!(changed, expected, "{kind}");
        assert_eq!(event.texts().len(), expected.len(), "{kind}");
        assert!(emptied.texts().iter().all(|t| t == TOMBSTONE), "{kind}");
    }
}

#[test]
fn a_raising_holds_its_title_summary_and_desired_outcome_as_content() {
    let world = Fixture::Raised.world();
    let raised = &world.events[0];
    let texts = raised.texts();
    assert_eq!(
        texts,
        vec![
            world.case.title.to_string(),
            world.case.summary.to_string(),
            world.case.desired_outcome.to_string()
        ]
    );
}

#[test]
fn a_trail_with_its_content_removed_replays_to_the_same_case_but_for_the_words() {
    let world = Fixture::ClosedWithRecommendations.world();
    let mut events = world.events.clone();
    for event in &mut events {
        event.replace_texts(removed);
    }
    let redaction = world.case.record_redaction(
        Actor::System,
        world.now,
        Release::CURRENT,
        Redaction::Retention {
            closed_case_years: 6,
        },
    );
    assert_eq!(redaction.event.seq, world.case.version + 1);
    assert_eq!(redaction.event.from_state, Some(world.case.state.clone()));
    assert_eq!(redaction.event.to_state, world.case.state);
    events.push(redaction.event);
    let replayed = replay(&events).expect("the emptied trail replays");
    assert_eq!(replayed.state, world.case.state);
    assert_eq!(replayed.deadlines, world.case.deadlines);
    assert_eq!(replayed.version, world.case.version + 1);
    assert_eq!(replayed.summary.as_str(), TOMBSTONE);
    assert_eq!(replayed.title.as_str(), TOMBSTONE);
    let decision = replayed.decision.as_ref().expect("the decision is kept");
    let original = world.case.decision.as_ref().unwrap();
    assert_eq!(decision.outcome, original.outcome);
    assert_eq!(decision.findings.as_str(), TOMBSTONE);
    assert_eq!(
        decision.recommendations[0].due_on,
        original.recommendations[0].due_on
    );
    assert!(
        serde_json::to_string(&replayed)
            .unwrap()
            .contains(TOMBSTONE)
    );
}

#[test]
fn an_erasure_keeps_its_reason_as_content_and_replays() {
    let world = Fixture::InDialogue.world();
    let erased = Redaction::Erasure {
        person_id: PersonId(7),
        reason: Text::parse("Asked for erasure on 1 December.").unwrap(),
    };
    let decided = world
        .case
        .record_redaction(Actor::System, world.now, Release::CURRENT, erased);
    assert_eq!(
        decided.event.texts(),
        vec!["Asked for erasure on 1 December.".to_owned()]
    );
    assert_eq!(decided.event.name(), "redacted");
    let mut events = world.events;
    events.push(decided.event);
    assert_eq!(replay(&events).unwrap(), decided.case);
    let audience = Audience::of(&decided.case, events.last().unwrap());
    assert_eq!(audience, Audience::default(), "a redaction tells no one");
}
