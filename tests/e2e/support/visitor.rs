//! The pages as a browser without JavaScript sees them, over plain HTTP: cookies kept, the
//! forms' tokens read from the page.

use crate::support::{Cast, Server};

/// A browser's view of the pages over plain HTTP: its cookies, and the token its forms
/// carry.
pub struct Visitor {
    pub base: String,
    pub http: reqwest::Client,
    pub cookie: String,
}

/// A page as answered.
pub struct Answer {
    pub status: reqwest::StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Answer {
    /// The token of the forms on the page.
    pub fn token(&self) -> String {
        let start = self
            .body
            .find("name=\"csrf\" value=\"")
            .expect("the page has a form")
            + 19;
        self.body[start..start + 64].to_owned()
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }
}

impl Visitor {
    /// Someone not signed in.
    pub fn new(server: &Server) -> Visitor {
        Visitor {
            base: server.base.clone(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookie: String::new(),
        }
    }

    /// Someone signed in as `part`, with the session cookie the sign-in gives.
    pub async fn signed_in(server: &Server, part: &str) -> Visitor {
        let client = server.sign_in(&Cast::email(part)).await;
        let mut visitor = Visitor::new(server);
        visitor.cookie = format!("disputes_session={}", client.token.unwrap());
        visitor
    }

    pub async fn send(&mut self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.header("cookie", &self.cookie).send().await.unwrap();
        for value in response.headers().get_all("set-cookie") {
            let pair = value
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_owned();
            if pair.starts_with("disputes_visitor=") {
                self.cookie = [self.cookie.as_str(), pair.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("; ");
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap();
        assert_ne!(status, reqwest::StatusCode::INTERNAL_SERVER_ERROR, "{body}");
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&mut self, path: &str) -> Answer {
        let request = self.http.get(format!("{}{path}", self.base));
        self.send(request).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        let request = self.http.post(format!("{}{path}", self.base)).form(form);
        self.send(request).await
    }
}
