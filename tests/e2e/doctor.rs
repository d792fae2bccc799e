//! `disputes doctor`: every check passes on a setup ready for go-live, on SQLite and on
//! PostgreSQL, without sending an email; a stopped PostgreSQL, an unreachable mail server, a
//! broken template and an unreachable trace collector are each named, and fail the command.

use crate::support::otlp::Collector;
use crate::support::smtp::Smtp;
use crate::support::{Db, free_port};

/// The checks the doctor makes, by the names its lines give them.
const CHECKS: [&str; 10] = [
    "configuration",
    "database",
    "mail server",
    "sender address",
    "public URL",
    "templates",
    "data folders",
    "clock",
    "traces",
    "replies by email",
];

/// A go-live setup: mail through `smtp_port`, a real sender and an https public address.
fn ready(smtp_port: u16) -> Vec<(&'static str, String)> {
    let mut env: Vec<_> = Db::smtp_env(smtp_port)
        .into_iter()
        .filter(|(key, _)| *key != "DISPUTES__EMAIL__FROM")
        .collect();
    env.extend([
        (
            "DISPUTES__EMAIL__FROM",
            "Leicestershire Compact <disputes@leicestershire-compact.org.uk>".to_owned(),
        ),
        (
            "DISPUTES__SERVER__PUBLIC_URL",
            "https://disputes.leicestershire-compact.org.uk".to_owned(),
        ),
    ]);
    env
}

/// Runs the doctor on `db` with `env`: whether it succeeded, and its line for each check.
fn doctor(db: &Db, env: &[(&'static str, String)]) -> (bool, Vec<String>, String) {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (ok, out, err) = db.run(&["doctor"], &env);
    let lines: Vec<String> = out.lines().map(str::to_owned).collect();
    let named: Vec<&str> = lines
        .iter()
        .filter_map(|line| line.get(6..)?.split(':').next())
        .collect();
    assert_eq!(named, CHECKS, "one line per check, in order:\n{out}");
    (ok, lines, err)
}

/// The line of check `name`.
fn line<'a>(lines: &'a [String], name: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.get(6..).is_some_and(|rest| rest.starts_with(name)))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_check_passes_on_a_setup_ready_for_go_live_and_no_email_is_sent() {
    let smtp = Smtp::start().await;
    let collector = Collector::start().await;
    let mut env = ready(smtp.port);
    env.push((
        "DISPUTES__TELEMETRY__OTLP_ENDPOINT",
        collector.endpoint.clone(),
    ));
    for db in [Db::sqlite(), Db::postgres().await] {
        let (migrated, _, err) = db.run(&["migrate"], &[]);
        assert!(migrated, "{err}");
        let (ok, lines, err) = doctor(&db, &env);
        assert!(ok, "{lines:#?}\n{err}");
        for l in &lines {
            assert!(l.starts_with("ok    "), "{lines:#?}");
        }
        assert!(line(&lines, "database").contains("migrated"), "{lines:#?}");
        assert!(
            line(&lines, "mail server").contains("accepted RSET"),
            "{lines:#?}"
        );
        assert!(
            line(&lines, "traces").contains("took an empty export"),
            "{lines:#?}"
        );
        assert!(
            line(&lines, "replies by email").contains("off: email.inbound.listen"),
            "{lines:#?}"
        );
    }
    assert!(smtp.received().is_empty(), "the doctor sent an email");
    assert!(collector.spans().is_empty(), "the doctor sent a span");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_database_an_unreachable_mail_server_and_a_broken_template_are_named() {
    let smtp = Smtp::start().await;

    // PostgreSQL stopped: nothing answers at its address.
    let stopped = Db::at(format!(
        "postgres://postgres@127.0.0.1:{}/disputes",
        free_port()
    ));
    let (ok, lines, err) = doctor(&stopped, &ready(smtp.port));
    assert!(!ok, "{lines:#?}");
    assert!(
        line(&lines, "database").starts_with("FAIL  database: cannot reach it"),
        "{lines:#?}"
    );
    assert!(err.contains("1 of 10 checks failed"), "{err}");

    // The mail server unreachable.
    let db = Db::sqlite();
    let (ok, lines, err) = doctor(&db, &ready(free_port()));
    assert!(!ok, "{lines:#?}");
    assert!(
        line(&lines, "mail server").starts_with("FAIL  mail server: 127.0.0.1:"),
        "{lines:#?}"
    );
    assert!(err.contains("1 of 10 checks failed"), "{err}");

    // A template that does not parse.
    let templates = db.dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("layout.html"), "{% if %}broken").unwrap();
    let mut env = ready(smtp.port);
    env.push((
        "DISPUTES__EMAIL__TEMPLATES_DIR",
        templates.display().to_string(),
    ));
    let (ok, lines, err) = doctor(&db, &env);
    assert!(!ok, "{lines:#?}");
    assert!(
        line(&lines, "templates").starts_with("FAIL  templates:"),
        "{lines:#?}"
    );
    assert!(
        line(&lines, "templates").contains("layout.html"),
        "{lines:#?}"
    );
    assert!(err.contains("1 of 10 checks failed"), "{err}");

    // A trace collector named but not running.
    let mut env = ready(smtp.port);
    let collector = format!("http://127.0.0.1:{}", free_port());
    env.push(("DISPUTES__TELEMETRY__OTLP_ENDPOINT", collector.clone()));
    let (ok, lines, err) = doctor(&db, &env);
    assert!(!ok, "{lines:#?}");
    assert!(
        line(&lines, "traces").starts_with(&format!(
            "FAIL  traces: {collector}/v1/traces: nothing answers"
        )),
        "{lines:#?}"
    );
    assert!(err.contains("1 of 10 checks failed"), "{err}");

    // And the embedded defaults, made for trying the service, are not ready for go-live.
    let (ok, lines, _) = doctor(&db, &[]);
    assert!(!ok);
    for name in ["mail server", "sender address", "public URL"] {
        assert!(line(&lines, name).starts_with("FAIL"), "{lines:#?}");
    }
    assert!(smtp.received().is_empty(), "the doctor sent an email");
}
