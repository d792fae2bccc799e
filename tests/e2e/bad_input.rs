//! Bad input that needs a real socket or the server's own log: bodies over the limits
//! refused from their declared length, unusual text kept exactly, files checked by their
//! bytes. The rest of bad input (wrong JSON, fields, queries, paths) is tested in process, in
//! the server crate's `in_process::bad_input`.

use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::support::{Cast, Server, enrol, fingerprint, on_both_databases, raw_head};

/// Sends only the head of a `kind` body declaring `length` bytes, and reads the head of the
/// answer.
async fn head_only(base: &str, path: &str, token: &str, kind: &str, length: usize) -> String {
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: {kind}\r\nContent-Length: {length}\r\n\r\n"
    );
    raw_head(base, &head).await
}

on_both_databases! {
    async fn bodies_over_the_limits_are_refused_before_they_are_read(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let facilitator = server.sign_in(&Cast::email("facilitator")).await;
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        let before = fingerprint(&facilitator).await;
        let cases = "/api/v1/cases";

        // Bodies over the limits are refused from their declared length, before they are
        // read; the unread body ends the connection, and the answer says so, so that the
        // client does not send its next request down it.
        let token = raiser.token.as_deref().unwrap();
        let attachments = format!("/api/v1/cases/{reference}/attachments");
        for (path, kind, length) in [
            (cases, "application/json", 2 * 1024 * 1024),
            (attachments.as_str(), "multipart/form-data; boundary=x", 11 * 1024 * 1024),
        ] {
            let answer = head_only(&server.base, path, token, kind, length).await;
            assert!(answer.starts_with("HTTP/1.1 413"), "{path}: {answer}");
            assert!(answer.contains("content-type: application/problem+json"), "{path}: {answer}");
            assert!(answer.contains("connection: close"), "{path}: {answer}");
        }
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"<html><script>alert(1)</script></html>".to_vec()).file_name("page.html").mime_str("text/html").unwrap(),
        );
        let response = raiser.request(Method::POST, &format!("/api/v1/cases/{reference}/attachments")).multipart(form).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

        assert_eq!(fingerprint(&facilitator).await, before, "refused bodies changed something");
        let logs = server.logs();
        assert!(!logs.contains("panicked"), "the server panicked:\n{logs}");
    }

    async fn sql_like_and_unusual_text_is_kept_exactly_as_written(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let title = "Robert'); DROP TABLE cases;-- \u{202e}gnp.exe\u{202c} 🙂 Ünïcödé 中文 עברית";
        let summary = "Line one\nLine two\t with a tab; %_\\ and \"quotes\" and <b>markup</b>";
        let mut body = cast.new_case();
        body["title"] = json!(title);
        body["summary"] = json!(summary);
        let (status, case) = raiser.post("/api/v1/cases", body).await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        let reference = case["reference"].as_str().unwrap();
        let (_, fetched) = raiser.get(&format!("/api/v1/cases/{reference}")).await;
        assert_eq!(fetched["title"], title);
        assert_eq!(fetched["summary"], summary);
        // Searching with LIKE's wildcards and quotes finds only what is literally there.
        let (_, page) = raiser.get("/api/v1/cases?q=%25_%5C").await;
        assert_eq!(page["total"], 0);
        let (_, page) = raiser.get("/api/v1/cases?q=drop%20table").await;
        assert_eq!(page["total"], 1);
        let (_, page) = raiser.get("/api/v1/cases?q=%27%20OR%201%3D1%20--").await;
        assert_eq!(page["total"], 0);
        drop(server);
        let (ok, out, err) = db.run(&["audit", "verify"], &[]);
        assert!(ok, "{out}{err}");
    }

    async fn attachments_are_checked_by_their_bytes_and_only_ever_downloaded(db: Db) {
        let server = Server::start(&db, &[]);
        let cast = enrol(&server, &db).await;
        let raiser = server.sign_in(&Cast::email("raiser")).await;
        let respondent = server.sign_in(&Cast::email("respondent")).await;
        let (_, case) = raiser.post("/api/v1/cases", cast.new_case()).await;
        let reference = case["reference"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/cases/{reference}/attachments");
        let upload = async |name: &str, kind: &str, bytes: &[u8]| {
            let file = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned()).mime_str(kind).unwrap();
            let form = reqwest::multipart::Form::new().part("file", file);
            let response = raiser.request(Method::POST, &path).multipart(form).send().await.unwrap();
            let status = response.status();
            (status, response.json::<Value>().await.unwrap_or(Value::Null))
        };
        // Types that a browser would run, and files whose bytes belie their declared type.
        for (name, kind, bytes) in [
            ("page.html", "text/html", b"<p>hello</p>".as_slice()),
            ("logo.svg", "image/svg+xml", b"<svg onload='alert(1)'/>".as_slice()),
            ("letter.pdf", "application/pdf", b"<html><script>alert(1)</script>".as_slice()),
            ("notes.txt", "text/plain", b"\x00\x01binary, not text".as_slice()),
            ("invoice.pdf.bat", "application/pdf", b"%PDF-1.7 looks like a pdf".as_slice()),
            ("photo.png", "image/png", b"GIF89a not a png".as_slice()),
            ("tool.exe", "application/octet-stream", b"MZ\x90\x00".as_slice()),
        ] {
            let (status, problem) = upload(name, kind, bytes).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {problem}");
            assert_eq!(problem["errors"][0]["field"], "file", "{name}");
        }
        let (_, listed) = raiser.get(&path).await;
        assert_eq!(listed.as_array().unwrap().len(), 0, "nothing refused was kept");

        // A real PDF, under a name that tries to leave its folder, is kept and offered back
        // only as a download, to the other party too.
        let (status, attached) = upload("../../etc/letter.pdf", "application/pdf", b"%PDF-1.7 the letter").await;
        assert_eq!(status, StatusCode::CREATED, "{attached}");
        let id = attached["id"].as_i64().unwrap();
        let response = respondent.request(Method::GET, &format!("{path}/{id}")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        let header = |name: header::HeaderName| headers.get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        assert_eq!(header(header::CONTENT_DISPOSITION), "attachment; filename=\"letter.pdf\"; filename*=UTF-8''letter.pdf");
        assert_eq!(header(header::CONTENT_TYPE), "application/pdf");
        assert_eq!(header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert!(header(header::CONTENT_SECURITY_POLICY).starts_with("sandbox"), "{headers:?}");
        assert_eq!(response.bytes().await.unwrap().as_ref(), b"%PDF-1.7 the letter");
        // A name that hides its real ending behind a right-to-left override loses the
        // override, and a name in any script goes back exactly, as RFC 6266 allows.
        let (status, hidden) = upload("report\u{202e}fdp.pdf", "application/pdf", b"%PDF-1.7 a report").await;
        assert_eq!(status, StatusCode::CREATED, "{hidden}");
        assert_eq!(hidden["file_name"], "reportfdp.pdf");
        let (status, accented) = upload("R\u{e9}ponse du conseil.pdf", "application/octet-stream", b"%PDF-1.7 the reply").await;
        assert_eq!(status, StatusCode::CREATED, "{accented}");
        assert_eq!(accented["content_type"], "application/pdf", "the type is the name's kind's, not the sender's");
        let reply = respondent.request(Method::GET, &format!("{path}/{}", accented["id"])).send().await.unwrap();
        let disposition = reply.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_owned();
        assert!(disposition.ends_with("filename*=UTF-8''R%C3%A9ponse%20du%20conseil.pdf"), "{disposition}");
        // Someone outside the case cannot have it.
        let outsider = server.sign_in(&Cast::email("other_member")).await;
        assert_eq!(outsider.get(&format!("{path}/{id}")).await.0, StatusCode::NOT_FOUND);
    }
}
