//! Replies by email, end to end: real SMTP and LMTP conversations with the service's
//! listener, its answers caught by a real SMTP receiver, on both databases.

use std::time::Duration;

use lettre::address::Envelope;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::support::smtp::{Received, Smtp};
use crate::support::{Cast, Client, Db, Server, enrol, free_port, on_both_databases};

const DOMAIN: &str = "replies.compact.example.org";

/// The environment of a service that sends to `smtp` and receives replies on `inbound`.
fn env(smtp: &Smtp, inbound: u16) -> Vec<(&'static str, String)> {
    let mut env = Db::smtp_env(smtp.port);
    env.extend([
        (
            "DISPUTES__EMAIL__INBOUND__LISTEN",
            format!("127.0.0.1:{inbound}"),
        ),
        ("DISPUTES__EMAIL__INBOUND__DOMAIN", DOMAIN.to_owned()),
        (
            "DISPUTES__EMAIL__INBOUND__MAX_MESSAGE_BYTES",
            "1000000".to_owned(),
        ),
        (
            "DISPUTES__SERVER__ATTACHMENT_LIMIT_BYTES",
            "200000".to_owned(),
        ),
    ]);
    env
}

/// Delivers `raw` to the listener on `port` by SMTP (lettre, as a mail server would), from
/// the envelope sender `from` (none for a delivery report): the listener's refusal, if any.
async fn deliver(port: u16, from: Option<&str>, to: &str, raw: &str) -> Result<(), String> {
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(port)
        .timeout(Some(Duration::from_secs(20)))
        .build();
    let envelope =
        Envelope::new(from.map(|f| f.parse().unwrap()), vec![to.parse().unwrap()]).unwrap();
    transport
        .send_raw(&envelope, raw.replace('\n', "\r\n").as_bytes())
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// An email from `from` to `to`: `headers` (each ending in a newline) and then the MIME
/// body `body` (its own Content-Type first).
fn email(from: &str, to: &str, id: &str, subject: &str, headers: &str, body: &str) -> String {
    format!(
        "From: {from}\nTo: {to}\nSubject: {subject}\nMessage-ID: <{id}>\n\
         Date: Thu, 3 Dec 2026 10:00:00 +0000\nMIME-Version: 1.0\n{headers}{body}"
    )
}

fn plain(text: &str) -> String {
    format!("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{text}\n")
}

/// The reply address the email `received` offers.
fn reply_address(received: &Received) -> String {
    let reply_to = received.header("Reply-To").expect("a Reply-To");
    let address = reply_to.trim_matches(['<', '>']).to_owned();
    assert!(
        address.starts_with("case+") && address.ends_with(&format!("@{DOMAIN}")),
        "{address}"
    );
    address
}

/// The first email to `to` whose subject holds `subject`, waiting up to 30 s for it.
async fn email_to(smtp: &Smtp, to: &str, subject: &str) -> Received {
    let found = |all: &[Received]| {
        all.iter()
            .find(|r| {
                r.to.contains(&to.to_owned())
                    && r.header("Subject").is_some_and(|s| s.contains(subject))
            })
            .cloned()
    };
    let all = smtp.wait_for(30, |all| found(all).is_some()).await;
    found(&all).unwrap_or_else(|| panic!("no email to {to} about {subject:?}"))
}

/// The service's answers to emails it received, among `all`.
fn answers(all: &[Received]) -> Vec<Received> {
    all.iter()
        .filter(|r| r.header("Auto-Submitted").as_deref() == Some("auto-replied"))
        .cloned()
        .collect()
}

async fn messages(client: &Client, reference: &str) -> Vec<Value> {
    let (status, body) = client
        .get(&format!("/api/v1/cases/{reference}/messages"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_array().unwrap().clone()
}

async fn raise(raiser: &Client, cast: &Cast) -> String {
    let (status, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    case["reference"].as_str().unwrap().to_owned()
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00";

/// `bytes` in base64, in lines of 76 as mail programs send them.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0_u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out.as_bytes()
        .chunks(76)
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

on_both_databases! {
    async fn replies_by_email_are_recorded_refused_or_set_aside_as_they_should_be(db: Db) {
        let smtp = Smtp::start().await;
        let inbound = free_port();
        let mut server = Server::start_with(&db, &env(&smtp, inbound));
        // The bounce below marks an email failed on purpose.
        server.expect_failed_emails();
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent_mail = Cast::email("respondent");
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let reference = raise(&raiser, &cast).await;

        // The respondent is told by email, with a reply address for them and this case, a
        // return path for bounces, and the mark of an automatic email.
        let told = email_to(&smtp, &respondent_mail, &reference).await;
        let address = reply_address(&told);
        assert_eq!(told.from, format!("bounces@{DOMAIN}"));
        assert_eq!(told.header("Auto-Submitted").as_deref(), Some("auto-generated"));
        assert!(told.readable().contains("You can reply to this email"), "{}", told.readable());

        // A plain reply: its new text alone becomes a message for everyone on the case.
        let text = "We can meet on Thursday and will bring the figures.\n\n-- \nRespondent\nCounty Council\n\n\
                    On Thu, 3 Dec 2026 at 09:00, Compact disputes <disputes@compact.example.org> wrote:\n\
                    > A disagreement was raised.";
        let reply = email(&respondent_mail, &address, "plain-1@example.org", &format!("Re: {reference}"), "", &plain(text));
        deliver(inbound, Some(&respondent_mail), &address, &reply).await.unwrap();
        let seen = messages(&raiser, &reference).await;
        assert_eq!(seen.len(), 1, "{seen:?}");
        assert_eq!(seen[0]["body"], "We can meet on Thursday and will bring the figures.");
        assert_eq!(seen[0]["author_id"], cast.ids["respondent"]);
        assert_eq!(seen[0]["visibility"], "parties");
        // The same email delivered again (a mail server that missed our answer) is kept once.
        deliver(inbound, Some(&respondent_mail), &address, &reply).await.unwrap();
        assert_eq!(messages(&raiser, &reference).await.len(), 1);
        // Acknowledged to its author, and news of it queued for the others as for a page's.
        let ack = email_to(&smtp, &respondent_mail, "Your reply is on case").await;
        assert_eq!(ack.header("Auto-Submitted").as_deref(), Some("auto-replied"));
        assert!(ack.readable().contains("Everyone on the case can read it"), "{}", ack.readable());
        let (status, log) = facilitator.get(&format!("/api/v1/cases/{reference}/notifications")).await;
        assert_eq!(status, StatusCode::OK);
        let news_for_raiser = log.as_array().unwrap().iter().any(|n| {
            n["kind"] == "news" && n["recipient_email"] == Cast::email("raiser")
        });
        assert!(news_for_raiser, "{log}");

        // An HTML-only reply, its quote in a blockquote.
        let html = "Content-Type: text/html; charset=utf-8\n\n<html><body><p>We accept the <b>revised</b> timetable.</p>\
                    <div class=\"gmail_quote\"><div>On Thu, 3 Dec 2026, Compact disputes wrote:</div>\
                    <blockquote><p>A disagreement was raised.</p></blockquote></div></body></html>\n";
        let reply = email(&respondent_mail, &address, "html-1@example.org", "Re: timetable", "", html);
        deliver(inbound, Some(&respondent_mail), &address, &reply).await.unwrap();
        let seen = messages(&raiser, &reference).await;
        let body = seen.last().unwrap()["body"].as_str().unwrap().to_owned();
        assert!(body.contains("We accept the revised timetable."), "{body}");
        assert!(!body.contains("raised") && !body.contains("wrote"), "{body}");

        // A reply in ISO-8859-1 with two attachments named in it (RFC 2047 and RFC 2231).
        let mixed = format!(
            "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\n\
             Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n\
             Voici le relev=E9 du caf=E9.\n--b1\n\
             Content-Type: application/pdf; name=\"=?ISO-8859-1?Q?R=E9sum=E9_financier.pdf?=\"\n\
             Content-Disposition: attachment; filename=\"=?ISO-8859-1?Q?R=E9sum=E9_financier.pdf?=\"\n\
             Content-Transfer-Encoding: base64\n\n{}\n--b1\n\
             Content-Type: image/png\nContent-Disposition: attachment; filename*=iso-8859-1''Relev%E9.png\n\
             Content-Transfer-Encoding: base64\n\n{}\n--b1--\n",
            base64(PDF),
            base64(PNG)
        );
        let reply = email(&respondent_mail, &address, "files-1@example.org", "Re: figures", "", &mixed);
        deliver(inbound, Some(&respondent_mail), &address, &reply).await.unwrap();
        let seen = messages(&raiser, &reference).await;
        assert_eq!(seen.last().unwrap()["body"], "Voici le relevé du café.");
        let (_, files) = raiser.get(&format!("/api/v1/cases/{reference}/attachments")).await;
        let names: Vec<&str> = files.as_array().unwrap().iter().map(|f| f["file_name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Résumé financier.pdf", "Relevé.png"], "{files}");
        for (file, bytes) in files.as_array().unwrap().iter().zip([PDF, PNG]) {
            let got = raiser
                .request(reqwest::Method::GET, &format!("/api/v1/cases/{reference}/attachments/{}", file["id"]))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            assert_eq!(&got[..], bytes);
        }
        let recorded = seen.len();

        // A forged sender whose own server vouches for its own domain: refused, kept for the
        // facilitator, and that sender (who did send it) told why; the address's owner is not.
        let forged = email(
            "Mallory <mallory@evil.example>", &address, "forged-1@evil.example", "Re: grant",
            "Authentication-Results: mx.compact.example.org; spf=pass smtp.mailfrom=mallory@evil.example\n",
            &plain("Please pay the grant to our new account."),
        );
        deliver(inbound, Some("mallory@evil.example"), &address, &forged).await.unwrap();
        let refusal = email_to(&smtp, "mallory@evil.example", "was not added").await;
        assert_eq!(refusal.from, "", "a refusal has the null return path");
        assert!(refusal.readable().contains("other than the one this reply address was given to"), "{}", refusal.readable());
        // The owner's own address, but their mail server says it did not come from there:
        // refused, and no one is told (the address did not send it).
        let spoofed = email(
            &respondent_mail, &address, "spoofed-1@example.org", "Re: grant",
            "Authentication-Results: mx.compact.example.org; spf=fail smtp.mailfrom=respondent@example.org; dmarc=fail header.from=example.org\n",
            &plain("Withdraw everything."),
        );
        deliver(inbound, Some(&respondent_mail), &address, &spoofed).await.unwrap();

        // An out-of-office: neither recorded nor answered nor quarantined.
        let away = email(
            &respondent_mail, &address, "away-1@example.org", "Automatic reply: Case update",
            "Auto-Submitted: auto-replied\n", &plain("I am out of the office until Monday."),
        );
        deliver(inbound, Some(&respondent_mail), &address, &away).await.unwrap();

        // A file larger than a file may be: refused and told.
        let big = vec![b'%'; 300_000];
        let mut big_pdf = PDF.to_vec();
        big_pdf.extend(&big);
        let large = format!(
            "Content-Type: multipart/mixed; boundary=\"b2\"\n\n--b2\nContent-Type: text/plain\n\nThe full accounts.\n--b2\n\
             Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"accounts.pdf\"\n\
             Content-Transfer-Encoding: base64\n\n{}\n--b2--\n",
            base64(&big_pdf)
        );
        let reply = email(&respondent_mail, &address, "large-1@example.org", "Re: accounts", "", &large);
        deliver(inbound, Some(&respondent_mail), &address, &reply).await.unwrap();
        let told = email_to(&smtp, &respondent_mail, "was not added").await;
        assert!(told.readable().contains("accounts.pdf is larger than"), "{}", told.readable());
        // An email longer than the listener takes is refused while it is sent.
        let huge = email(&respondent_mail, &address, "huge-1@example.org", "Re: all", "", &plain(&"x".repeat(1_100_000)));
        let refused = deliver(inbound, Some(&respondent_mail), &address, &huge).await.unwrap_err();
        assert!(refused.contains("552") || refused.contains("at most"), "{refused}");
        // Addresses that are not reply addresses, or not in the domain, are refused outright.
        let unknown = format!("case+{}@{DOMAIN}", "a".repeat(32));
        let error = deliver(inbound, Some(&respondent_mail), &unknown, &reply).await.unwrap_err();
        assert!(error.contains("No such reply address"), "{error}");
        let error = deliver(inbound, Some(&respondent_mail), "someone@example.org", &reply).await.unwrap_err();
        assert!(error.contains("Relaying"), "{error}");

        // A reply to a case that has closed: refused, and its author told, in their own
        // language and by name (the answer goes to their own address).
        let closing = raise(&raiser, &cast).await;
        let told = email_to(&smtp, &respondent_mail, &closing).await;
        let closed_address = reply_address(&told);
        assert_ne!(closed_address, address, "one address for each case");
        raiser.act(&closing, "withdraw", json!({"reason": "We found other money."})).await;
        let respondent_path = format!("/api/v1/users/{}", cast.ids["respondent"]);
        let speaks = |language: &'static str| facilitator.patch(&respondent_path, json!({ "language": language }));
        assert_eq!(speaks("cy").await.0, StatusCode::OK);
        let late = email(&respondent_mail, &closed_address, "late-1@example.org", &format!("Re: {closing}"), "", &plain("Can we still talk?"));
        deliver(inbound, Some(&respondent_mail), &closed_address, &late).await.unwrap();
        let told = email_to(&smtp, &respondent_mail, &format!("Ni ychwanegwyd eich e-bost at achos {closing}")).await;
        let readable = told.readable();
        assert!(readable.contains("Annwyl respondent,"), "{readable}");
        assert!(readable.contains("Y rheswm: mae'r achos ar gau."), "{readable}");
        assert_eq!(speaks("en").await.0, StatusCode::OK);
        assert!(messages(&raiser, &closing).await.is_empty());

        // None of the refused or automatic emails reached the case.
        assert_eq!(messages(&raiser, &reference).await.len(), recorded);

        // A delivery report for the respondent's first email marks that email failed.
        let bounced_id = told_id(&smtp, &respondent_mail, &reference).await;
        let report = format!(
            "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\nTo: bounces@{DOMAIN}\n\
             Subject: Undelivered Mail Returned to Sender\nMessage-ID: <dsn-1@mx.example.org>\nMIME-Version: 1.0\n\
             Content-Type: multipart/report; report-type=delivery-status; boundary=\"r1\"\n\n\
             --r1\nContent-Type: text/plain\n\nYour message could not be delivered.\n\
             --r1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n\
             Final-Recipient: rfc822; {respondent_mail}\nAction: failed\nStatus: 5.1.1\n\
             Diagnostic-Code: smtp; 550 5.1.1 mailbox unavailable\n\
             --r1\nContent-Type: text/rfc822-headers\n\nMessage-ID: {bounced_id}\nSubject: {reference}\n\n--r1--\n"
        );
        let bounces = format!("bounces@{DOMAIN}");
        deliver(inbound, None, &bounces, &report).await.unwrap();
        let (_, log) = facilitator.get(&format!("/api/v1/cases/{reference}/notifications")).await;
        let marked: Vec<&Value> = log.as_array().unwrap().iter().filter(|n| n["status"] == "failed").collect();
        assert_eq!(marked.len(), 1, "{log}");
        assert_eq!(marked[0]["recipient_email"], respondent_mail.as_str());
        assert!(marked[0]["last_error"].as_str().unwrap().contains("5.1.1"), "{log}");

        // The facilitator's quarantine: the forged, the spoofed, the large and the late ones.
        let (status, quarantine) = facilitator.get("/api/v1/quarantine").await;
        assert_eq!(status, StatusCode::OK, "{quarantine}");
        let senders: Vec<&str> = quarantine.as_array().unwrap().iter().map(|q| q["sender"].as_str().unwrap()).collect();
        assert_eq!(senders.len(), 4, "{quarantine}");
        assert!(senders.contains(&"mallory@evil.example"), "{quarantine}");
        let (status, _) = raiser.get("/api/v1/quarantine").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let id_of = |subject: &str, reason: &str| {
            quarantine.as_array().unwrap().iter()
                .find(|q| q["subject"] == subject && q["reason"].as_str().unwrap().contains(reason))
                .map(|q| q["id"].as_i64().unwrap())
                .unwrap_or_else(|| panic!("{subject} in {quarantine}"))
        };
        // The spoofed one is released (the facilitator checked with its sender) and the
        // forged one discarded; the late one cannot be added to a closed case.
        let spoofed_id = id_of("Re: grant", "mail server could not show");
        let (status, released) = facilitator.post(&format!("/api/v1/quarantine/{spoofed_id}/release"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{released}");
        let seen = messages(&raiser, &reference).await;
        assert_eq!(seen.last().unwrap()["body"], "Withdraw everything.");
        assert_eq!(seen.last().unwrap()["id"], released["message_id"]);
        let forged_id = id_of("Re: grant", "other than");
        let (status, _) = facilitator.post(&format!("/api/v1/quarantine/{forged_id}/discard"), json!({})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let late_id = id_of(&format!("Re: {closing}"), "closed");
        let (status, problem) = facilitator.post(&format!("/api/v1/quarantine/{late_id}/release"), json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{problem}");
        let (_, left) = facilitator.get("/api/v1/quarantine").await;
        assert_eq!(left.as_array().unwrap().len(), 2, "{left}");
        let (status, _) = facilitator.post(&format!("/api/v1/quarantine/{forged_id}/release"), json!({})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a discarded email is gone");

        // Answers to one address are limited (three an hour by default): a flood of forged
        // email is never a flood of answers.
        for n in 2..=5 {
            let forged = forged.replace("forged-1@", &format!("forged-{n}@"));
            deliver(inbound, Some("mallory@evil.example"), &address, &forged).await.unwrap();
        }
        // Someone who may no longer write on the case (their account closed) is refused.
        let (status, _) = facilitator.patch(&format!("/api/v1/users/{}", cast.ids["respondent"]), json!({"active": false})).await;
        assert_eq!(status, StatusCode::OK);
        let gone = email(&respondent_mail, &address, "gone-1@example.org", "Re: still here", "", &plain("One more thing."));
        deliver(inbound, Some(&respondent_mail), &address, &gone).await.unwrap();
        let all = smtp.wait_for(30, |all| all.iter().any(|r| r.readable().contains("can no longer write"))).await;
        let told = all.iter().find(|r| r.readable().contains("can no longer write on this case"));
        assert_eq!(told.map(|r| r.to.clone()), Some(vec![respondent_mail.clone()]));

        // Each refusal was answered once, to the address that sent it, and nothing else was:
        // three acknowledgements (plain, HTML, files); Mallory's first three refusals; the
        // large file's, the late reply's (in Welsh) and the closed account's. Nothing answered the
        // out-of-office, the spoofed email or the delivery report.
        smtp.wait_for(10, |all| answers(all).len() >= 9).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let answered: Vec<(String, String)> = answers(&smtp.received())
            .iter()
            .map(|r| (r.to[0].clone(), r.header("Subject").unwrap()))
            .collect();
        let count = |to: &str, subject: &str| answered.iter().filter(|(t, s)| t == to && s.contains(subject)).count();
        assert_eq!(count(&respondent_mail, "Your reply is on case"), 3, "{answered:?}");
        assert_eq!(count(&respondent_mail, "not added"), 2, "{answered:?}");
        assert_eq!(count(&respondent_mail, "Ni ychwanegwyd"), 1, "{answered:?}");
        assert_eq!(count("mallory@evil.example", "not added"), 3, "{answered:?}");
        assert_eq!(answered.len(), 9, "{answered:?}");
        drop(server);
    }

    async fn a_reply_from_the_panel_side_is_for_the_panel_until_its_author_shares_it(db: Db) {
        let smtp = Smtp::start().await;
        let inbound = free_port();
        let server = Server::start_with(&db, &env(&smtp, inbound));
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let chair_mail = Cast::email("chair");
        let chair = server.sign_in(&chair_mail).await;
        let reference = raise(&raiser, &cast).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        respondent.act(&reference, "acknowledge", json!({})).await;
        raiser.act(&reference, "escalate", json!({"reason": "Stuck."})).await;
        chair.act(&reference, "accept_formal", json!({})).await;
        let told = email_to(&smtp, &chair_mail, &reference).await;
        let address = reply_address(&told);
        let reply = email(&chair_mail, &address, "chair-1@example.org", "Re: formal", "", &plain("The panel should ask for the 2025 accounts."));
        deliver(inbound, Some(&chair_mail), &address, &reply).await.unwrap();
        // Recorded for the panel only, the most private choice the chair has.
        let seen = messages(&chair, &reference).await;
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0]["visibility"], "panel");
        assert!(messages(&raiser, &reference).await.is_empty());
        let ack = email_to(&smtp, &chair_mail, "Your reply is on case").await;
        let words = ack.readable();
        assert!(words.contains("for the panel only"), "{words}");
        let link = format!("/cases/{reference}#message-{}", seen[0]["id"]);
        assert!(words.contains(&link), "{words}");
        // Only its author may share it; then everyone on the case reads it.
        let share = format!("/api/v1/cases/{reference}/messages/{}/share", seen[0]["id"]);
        let (status, _) = raiser.post(&share, json!({})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = chair.post(&share, json!({})).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let seen = messages(&raiser, &reference).await;
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0]["visibility"], "parties");
        let (status, _) = chair.post(&share, json!({})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "shared already");
    }

    async fn an_email_is_answered_250_only_once_it_is_kept(db: Db) {
        let smtp = Smtp::start().await;
        let inbound = free_port();
        let environment = env(&smtp, inbound);
        let mut server = Server::start_with(&db, &environment);
        let cast = enrol(&server, &db).await;
        let raiser_mail = Cast::email("raiser");
        let raiser = server.sign_in(&raiser_mail).await;
        let open = raise(&raiser, &cast).await;
        let respondent_mail = Cast::email("respondent");
        let told = email_to(&smtp, &respondent_mail, &open).await;
        let address = reply_address(&told);
        let reply = email(&respondent_mail, &address, "kill-1@example.org", "Re: case", "", &plain("Our answer, sent once."));

        // Killed while the email is being sent: no answer, and nothing of it kept.
        let mut session = Lmtp::open(inbound).await;
        session.command("LHLO mx.example.org").await;
        session.command(&format!("MAIL FROM:<{respondent_mail}>")).await;
        assert!(session.command(&format!("RCPT TO:<{address}>")).await.starts_with("250"));
        assert!(session.command("DATA").await.starts_with("354"));
        session.send(&reply.replace('\n', "\r\n")).await;
        server.kill();
        assert_eq!(session.reply().await, "", "no answer from a killed service");
        let mut server = Server::start_with(&db, &environment);
        let respondent = server.sign_in(&respondent_mail).await;
        assert!(messages(&respondent, &open).await.is_empty());

        // Sent again, over LMTP, with a second recipient that is not a reply address: one
        // answer for each recipient taken, and 250 only once the reply is kept, so a kill
        // the moment after loses nothing.
        let mut session = Lmtp::open(inbound).await;
        session.command("LHLO mx.example.org").await;
        session.command(&format!("MAIL FROM:<{respondent_mail}>")).await;
        assert!(session.command(&format!("RCPT TO:<{address}>")).await.starts_with("250"));
        let unknown = format!("case+{}@{DOMAIN}", "b".repeat(32));
        assert!(session.command(&format!("RCPT TO:<{unknown}>")).await.starts_with("550"));
        assert!(session.command("DATA").await.starts_with("354"));
        session.send(&format!("{}\r\n.\r\n", reply.replace('\n', "\r\n"))).await;
        assert!(session.reply().await.starts_with("250 2.0.0"), "one answer for the one recipient");
        server.kill();
        let server = Server::start_with(&db, &environment);
        let respondent = server.sign_in(&respondent_mail).await;
        let seen = messages(&respondent, &open).await;
        assert_eq!(seen.len(), 1, "{seen:?}");
        assert_eq!(seen[0]["body"], "Our answer, sent once.");
        // Its acknowledgement was queued with it, and goes out from the restarted service.
        email_to(&smtp, &respondent_mail, "Your reply is on case").await;
    }
}

/// The Message-ID of the first email to `to` about `reference`.
async fn told_id(smtp: &Smtp, to: &str, reference: &str) -> String {
    email_to(smtp, to, reference).await.message_id()
}

/// A hand-driven LMTP (or SMTP) session, to stop it where a test needs.
struct Lmtp {
    reader: BufReader<tokio::net::tcp::OwnedReadHalf>,
    writer: tokio::net::tcp::OwnedWriteHalf,
}

impl Lmtp {
    async fn open(port: u16) -> Lmtp {
        let stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let (read, writer) = stream.into_split();
        let mut session = Lmtp {
            reader: BufReader::new(read),
            writer,
        };
        assert!(session.reply().await.starts_with("220"));
        session
    }

    async fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).await.unwrap();
    }

    /// Sends `line` and reads the whole reply (its last line).
    async fn command(&mut self, line: &str) -> String {
        self.send(&format!("{line}\r\n")).await;
        self.reply().await
    }

    /// The last line of the next reply; empty when the connection closed.
    async fn reply(&mut self) -> String {
        loop {
            let mut line = String::new();
            let read =
                tokio::time::timeout(Duration::from_secs(30), self.reader.read_line(&mut line))
                    .await
                    .expect("an answer within 30 s");
            if read.unwrap_or(0) == 0 {
                return String::new();
            }
            if line.as_bytes().get(3) != Some(&b'-') {
                return line.trim_end().to_owned();
            }
        }
    }
}

/// The pages of replies by email, in a real Chromium: a chair's reply, recorded for the
/// panel only, shared from the case page; a refused email added to its case from the
/// facilitator's list, another discarded. Each page photographed at 1280, 390 and 320 px
/// and checked with axe-core.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_are_shared_and_the_quarantine_is_worked_through_the_pages() {
    use crate::support::PASSWORD;
    use crate::support::browser::Browser;

    let db = Db::sqlite();
    let smtp = Smtp::start().await;
    let inbound = free_port();
    let server = Server::start_with(&db, &env(&smtp, inbound));
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let reference = raise(&raiser, &cast).await;
    let respondent_mail = Cast::email("respondent");
    let respondent = server.sign_in(&respondent_mail).await;
    respondent.act(&reference, "acknowledge", json!({})).await;
    raiser
        .act(&reference, "escalate", json!({"reason": "Stuck."}))
        .await;
    let chair_mail = Cast::email("chair");
    let chair = server.sign_in(&chair_mail).await;
    chair.act(&reference, "accept_formal", json!({})).await;
    let chair_address = reply_address(&email_to(&smtp, &chair_mail, &reference).await);
    let respondent_address = reply_address(&email_to(&smtp, &respondent_mail, &reference).await);
    let reply = email(
        &chair_mail,
        &chair_address,
        "chair-page@example.org",
        "Re: formal",
        "",
        &plain("The panel should ask for the 2025 accounts."),
    );
    deliver(inbound, Some(&chair_mail), &chair_address, &reply)
        .await
        .unwrap();
    for (n, reason) in [
        (1, "Please pay the grant to our new account."),
        (2, "Withdraw everything."),
    ] {
        let forged = email(
            "Mallory <mallory@evil.example>",
            &respondent_address,
            &format!("page-{n}@evil.example"),
            &format!("Re: grant {n}"),
            "Authentication-Results: mx.compact.example.org; spf=pass smtp.mailfrom=mallory@evil.example\n",
            &plain(reason),
        );
        deliver(
            inbound,
            Some("mallory@evil.example"),
            &respondent_address,
            &forged,
        )
        .await
        .unwrap();
    }

    let b = Browser::start(&server.base, "replies").await;
    let sign_in = async |part: &str| {
        b.open("/login").await;
        b.fill("#email", &Cast::email(part)).await;
        b.fill("#password", PASSWORD).await;
        b.click_text("Sign in").await;
    };
    sign_in("chair").await;
    b.open(&format!("/cases/{reference}")).await;
    let share = "li[id^='message-'] form[action$='/share'] button";
    assert_eq!(b.text(share).await, "Share with everyone on the case");
    assert!(
        b.text("li[id^='message-'] .timeline__meta")
            .await
            .ends_with(", by email")
    );
    b.look("case-reply-for-the-panel").await;
    b.click(share).await;
    assert!(
        b.text(".banner")
            .await
            .contains("Everyone on the case can now read it")
    );
    assert!(b.texts(share).await.is_empty(), "shared once");
    b.look("case-reply-shared").await;
    assert_eq!(
        messages(&raiser, &reference).await.len(),
        1,
        "the parties read it now"
    );
    b.click_text("Sign out").await;

    sign_in("facilitator").await;
    b.open("/admin#quarantine").await;
    let rows = b.texts("#quarantine ~ .table-wrap tbody tr").await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter().all(|r| r.contains("mallory@evil.example")
            && r.contains("other than")
            && r.contains("respondent")),
        "{rows:?}"
    );
    b.look("admin-quarantine").await;
    b.click("#quarantine ~ .table-wrap tbody tr:first-child form[action$='/discard'] button")
        .await;
    assert!(b.text(".banner").await.contains("discarded"));
    b.click("#quarantine ~ .table-wrap tbody tr:first-child form[action$='/release'] button")
        .await;
    assert!(b.text(".banner").await.contains("added to its case"));
    b.look("admin-quarantine-empty").await;
    let seen = messages(&raiser, &reference).await;
    assert_eq!(
        seen.last().unwrap()["body"],
        "Please pay the grant to our new account.",
        "the older one, added"
    );
    assert_eq!(seen.last().unwrap()["author_id"], cast.ids["respondent"]);
}

on_both_databases! {
    async fn hostile_mail_sessions_never_upset_the_listener(db: Db) {
        use proptest::prelude::*;
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;

        let smtp = Smtp::start().await;
        let inbound = free_port();
        let server = Server::start_with(&db, &env(&smtp, inbound));
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let reference = raise(&raiser, &cast).await;
        let address = reply_address(&email_to(&smtp, &Cast::email("respondent"), &reference).await);
        let verbs = prop::sample::select(vec![
            "EHLO", "LHLO", "HELO", "MAIL FROM:", "RCPT TO:", "DATA", "RSET", "NOOP", "VRFY", "QUIT", "STARTTLS", "AUTH", "", "mail from:<>",
        ]);
        let line = (verbs, "[ -~]{0,80}").prop_map(|(verb, rest)| format!("{verb}{rest}"));
        let session = (prop::collection::vec(line, 0..12), prop::collection::vec(any::<u8>(), 0..4000));
        let mut runner = TestRunner::deterministic();
        for _ in 0..150 {
            let (lines, body) = session.new_tree(&mut runner).unwrap().current();
            let mut mail = Lmtp::open(inbound).await;
            for line in &lines {
                if line.to_ascii_uppercase().starts_with("DATA") || line.to_ascii_uppercase().starts_with("QUIT") {
                    continue;
                }
                let reply = mail.command(line).await;
                assert!(reply.len() >= 3 && reply[..3].bytes().all(|b| b.is_ascii_digit()), "{line:?} -> {reply:?}");
                assert_ne!(&reply[..1], "4", "{line:?} -> {reply:?}: nothing here is a failure for now");
            }
            // Then a whole email of random bytes to a real reply address.
            mail.command("RSET").await;
            mail.command("EHLO fuzz.example").await;
            assert!(mail.command("MAIL FROM:<fuzz@example.org>").await.starts_with("250"));
            assert!(mail.command(&format!("RCPT TO:<{address}>")).await.starts_with("250"));
            assert!(mail.command("DATA").await.starts_with("354"));
            let mut text: Vec<u8> = body.iter().map(|b| if *b == b'.' { b',' } else { *b }).collect();
            text.extend_from_slice(b"\r\n.\r\n");
            mail.writer.write_all(&text).await.unwrap();
            let reply = mail.reply().await;
            assert!(reply.starts_with("250") || reply.starts_with("552"), "{reply:?}");
        }
        let (status, _) = raiser.get("/healthz").await;
        assert_eq!(status, StatusCode::OK);
        assert!(messages(&raiser, &reference).await.is_empty(), "no stranger's bytes reached the case");
        // They wait for the facilitator instead (those the same bytes twice, once).
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let (_, quarantine) = facilitator.get("/api/v1/quarantine").await;
        let kept = quarantine.as_array().unwrap().len();
        assert!((100..=150).contains(&kept), "{kept}");
        assert!(!server.logs().contains("panicked"), "{}", server.logs());
    }
}

on_both_databases! {
    async fn replies_are_taken_from_a_mailbox_polled_by_imap(db: Db) {
        use crate::support::imap::{self, Dovecot};

        let dovecot = Dovecot::start().await;
        let smtp = Smtp::start().await;
        let mut environment = Db::smtp_env(smtp.port);
        environment.extend([
            ("DISPUTES__EMAIL__INBOUND__DOMAIN", DOMAIN.to_owned()),
            ("DISPUTES__EMAIL__INBOUND__IMAP__HOST", "127.0.0.1".to_owned()),
            ("DISPUTES__EMAIL__INBOUND__IMAP__PORT", dovecot.port.to_string()),
            ("DISPUTES__EMAIL__INBOUND__IMAP__TLS", "none".to_owned()),
            ("DISPUTES__EMAIL__INBOUND__IMAP__USERNAME", imap::USER.to_owned()),
            ("DISPUTES__EMAIL__INBOUND__IMAP__PASSWORD", imap::PASSWORD.to_owned()),
            ("DISPUTES__EMAIL__INBOUND__IMAP__POLL_SECS", "1".to_owned()),
        ]);
        let server = Server::start_with(&db, &environment);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let reference = raise(&raiser, &cast).await;
        let respondent_mail = Cast::email("respondent");
        let address = reply_address(&email_to(&smtp, &respondent_mail, &reference).await);

        // The mail server delivered a reply and an out-of-office to the mailbox, each with
        // the header that names the address it was for.
        let reply = email(&respondent_mail, "Compact disputes <disputes@compact.example.org>", "imap-1@example.org", "Re: case", &format!("Delivered-To: {address}\nReturn-Path: <{respondent_mail}>\n"), &plain("We will reply in full by Friday.\n\n> quoted"));
        let away = email(&respondent_mail, &address, "imap-2@example.org", "Automatic reply", "Auto-Submitted: auto-replied\n", &plain("Away until Monday."));
        // And someone else's message, marked deleted but not yet expunged: not the service's
        // to take or to expunge.
        let theirs = email("someone@example.org", "inbox@compact.example.org", "other-1@example.org", "Old", "", &plain("Old news."));
        dovecot.deliver(&theirs, Some("(\\Deleted)")).await;
        dovecot.deliver(&reply, None).await;
        dovecot.deliver(&away, None).await;
        let mut seen = Vec::new();
        for _ in 0..300 {
            seen = messages(&raiser, &reference).await;
            if !seen.is_empty() && dovecot.count().await == 1 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(seen.len(), 1, "{seen:?}");
        assert_eq!(seen[0]["body"], "We will reply in full by Friday.");
        assert_eq!(seen[0]["author_id"], cast.ids["respondent"]);
        assert_eq!(dovecot.count().await, 1, "both taken from the mailbox once kept, and only they");
        email_to(&smtp, &respondent_mail, "Your reply is on case").await;
        assert_eq!(answers(&smtp.received()).len(), 1, "the out-of-office is not answered");

        // `disputes doctor` signs in to the mailbox as the service does.
        let env: Vec<(&str, &str)> = environment.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (_, out, err) = db.run(&["doctor"], &env);
        let line = out.lines().chain(err.lines()).find(|l| l.contains("replies by email")).unwrap_or_default().to_owned();
        assert!(line.contains("the mailbox INBOX at 127.0.0.1 opens, holding 1 email"), "{out}{err}");
    }
}

/// The bounds SECURITY.md states for the mail listener: 2,048-byte commands, 100
/// recipients an email, 64 sessions at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mail_listener_holds_to_its_bounds() {
    let db = Db::sqlite();
    let smtp = Smtp::start().await;
    let inbound = free_port();
    let server = Server::start_with(&db, &env(&smtp, inbound));
    let cast = enrol(&server, &db).await;
    let raiser = server.sign_in(&Cast::email("raiser")).await;
    let reference = raise(&raiser, &cast).await;
    let address = reply_address(&email_to(&smtp, &Cast::email("respondent"), &reference).await);

    let mut session = Lmtp::open(inbound).await;
    session.command("EHLO bounds.example").await;
    let long = format!("NOOP {}", "x".repeat(2048 - "NOOP ".len()));
    assert!(
        session.command(&long).await.starts_with("250"),
        "2,048 bytes are a command"
    );
    let longer = format!("{long}x");
    assert!(
        session.command(&longer).await.starts_with("500 5.5.6"),
        "2,049 are not"
    );
    assert!(
        session
            .command("MAIL FROM:<respondent@example.org>")
            .await
            .starts_with("250")
    );
    for n in 1..=100 {
        let reply = session.command(&format!("RCPT TO:<{address}>")).await;
        assert!(reply.starts_with("250"), "recipient {n}: {reply}");
    }
    let reply = session.command(&format!("RCPT TO:<{address}>")).await;
    assert!(reply.starts_with("452"), "the 101st: {reply}");
    session.command("QUIT").await;

    // 64 sessions are served at once; the 65th is told to come back later.
    let mut held = Vec::new();
    for _ in 0..64 {
        held.push(Lmtp::open(inbound).await);
    }
    let stream = TcpStream::connect(("127.0.0.1", inbound)).await.unwrap();
    let mut lines = BufReader::new(stream);
    let mut first = String::new();
    lines.read_line(&mut first).await.unwrap();
    assert!(first.starts_with("421"), "{first}");
    drop(held);
    // Their places come free again.
    let mut again = None;
    for _ in 0..50 {
        let stream = TcpStream::connect(("127.0.0.1", inbound)).await.unwrap();
        let mut lines = BufReader::new(stream);
        let mut greeting = String::new();
        lines.read_line(&mut greeting).await.unwrap();
        if greeting.starts_with("220") {
            again = Some(greeting);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        again.is_some(),
        "sessions are served again once the others end"
    );
}
