//! The API calls a run makes, as a person signed in.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::Result;

/// Someone signed in to the service.
#[derive(Clone)]
pub(crate) struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Client {
    /// Signs in as `email`.
    pub(crate) async fn sign_in(
        http: &reqwest::Client,
        base: &str,
        email: &str,
        password: &str,
    ) -> Result<Client> {
        let response = http
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await?;
        if response.status() != StatusCode::OK {
            return Err(format!("cannot sign in as {email}: {}", response.status()).into());
        }
        let body: Value = response.json().await?;
        Ok(Client {
            http: http.clone(),
            base: base.to_owned(),
            token: body["token"].as_str().ok_or("no token")?.to_owned(),
        })
    }

    /// The bearer token the person signed in with, for load generators of other makes.
    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    /// `GET path`: its status.
    pub(crate) async fn get_status(&self, path: &str) -> Option<StatusCode> {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .ok()?;
        let status = response.status();
        response.bytes().await.ok()?;
        Some(status)
    }

    /// `GET path`, wanting 200: the answer.
    pub(crate) async fn get_json(&self, path: &str) -> Result<Value> {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await?;
        if response.status() != StatusCode::OK {
            return Err(format!("{path}: {}", response.status()).into());
        }
        Ok(response.json().await?)
    }

    /// `POST path` with `body`: its status and answer.
    pub(crate) async fn post(&self, path: &str, body: &Value) -> Option<(StatusCode, Value)> {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .ok()?;
        let status = response.status();
        let body = response.json().await.unwrap_or(Value::Null);
        Some((status, body))
    }

    /// `POST path` with `body`, wanting `expected`: the answer.
    pub(crate) async fn must_post(
        &self,
        path: &str,
        body: &Value,
        expected: StatusCode,
    ) -> Result<Value> {
        match self.post(path, body).await {
            Some((status, answer)) if status == expected => Ok(answer),
            Some((status, answer)) => Err(format!("{path}: {status} {answer}").into()),
            None => Err(format!("{path}: no answer").into()),
        }
    }
}
