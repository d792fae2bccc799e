//! A real headless Chromium, driven through chromedriver (WebDriver), for the page tests:
//! fill in forms, click, take a screenshot of every page, and check each with axe-core.
//!
//! Needs Debian's `chromium` and `chromium-driver` packages and axe-core from npm
//! (`npm ci --prefix tests/browser`); `.ci/run` installs them. Without them the tests fail,
//! saying what is missing.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use super::free_port;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A browser session on the service at `base`.
pub struct Browser {
    client: Client,
    driver: Child,
    base: String,
    shots: PathBuf,
    taken: AtomicUsize,
    _profile: tempfile::TempDir,
}

/// axe-core's script, installed by npm into `tests/browser`.
fn axe_script() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser");
    let script = root.join("node_modules/axe-core/axe.min.js");
    if !script.exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&root)
            .status();
        assert!(
            status.is_ok_and(|s| s.success()),
            "axe-core is missing: run `npm ci --prefix tests/browser`"
        );
    }
    std::fs::read_to_string(&script).unwrap()
}

impl Browser {
    /// Opens a browser on `base`; screenshots go under the tests' output folder, in a
    /// folder named `test`.
    pub async fn start(base: &str, test: &str) -> Browser {
        for program in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(program).exists(),
                "{program} is missing: install Debian's chromium and chromium-driver"
            );
        }
        let port = free_port();
        // Its own process group, so that stopping it stops the browser it started too.
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut attempts = 0;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                // chromedriver takes a moment to listen.
                Err(error) if attempts < 100 => {
                    attempts += 1;
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(error) => panic!("cannot start Chromium through chromedriver: {error}"),
            }
        };
        let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("screenshots")
            .join(test);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).unwrap();
        Browser {
            client,
            driver,
            base: base.to_owned(),
            shots,
            taken: AtomicUsize::new(0),
            _profile: profile,
        }
    }

    /// Opens `path` of the service.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    /// The page's language, as its `<html lang>` says.
    pub async fn lang(&self) -> String {
        self.client
            .execute("return document.documentElement.lang;", vec![])
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The path (and query) of the page shown.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Types `text` into the field `css`, replacing what was there.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.client.find(Locator::Css(css)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Types a date (`YYYY-MM-DD`) into the date input whose day field is `css` (`#id`):
    /// the day, then `#id-month`, then `#id-year`, as a person would.
    pub async fn date(&self, css: &str, date: &str) {
        let mut parts = date.split('-');
        let (year, month, day) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        self.fill(css, day.trim_start_matches('0')).await;
        self.fill(&format!("{css}-month"), month.trim_start_matches('0'))
            .await;
        self.fill(&format!("{css}-year"), year).await;
    }

    /// Chooses the option with `value` in the select `css`.
    pub async fn select(&self, css: &str, value: &str) {
        let select = self.client.find(Locator::Css(css)).await.unwrap();
        select.select_by_value(value).await.unwrap();
    }

    /// Ticks a radio button or checkbox.
    pub async fn tick(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("nothing matches {css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// Opens the disclosure (`<details>`) `css`, which loads no page.
    pub async fn expand(&self, css: &str) {
        self.client
            .find(Locator::Css(&format!("{css} > summary")))
            .await
            .unwrap_or_else(|e| panic!("no disclosure {css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// Clicks the link or button `css` and waits for the page it loads.
    pub async fn click(&self, css: &str) {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("nothing matches {css}: {e}"));
        self.navigate_by(element, css).await;
    }

    /// Clicks the button whose text is `text` (or, when there is none, the link) and waits
    /// for the page it loads.
    pub async fn click_text(&self, text: &str) {
        let literal = xpath_literal(text);
        let mut found = None;
        for kind in ["button", "a"] {
            let xpath = format!("//{kind}[normalize-space(.)={literal}]");
            if let Ok(element) = self.client.find(Locator::XPath(&xpath)).await {
                found = Some(element);
                break;
            }
        }
        let element = found.unwrap_or_else(|| panic!("no button or link {text:?}"));
        self.navigate_by(element, text).await;
    }

    /// Clicks `element`, then waits until a new document has replaced this one and loaded.
    async fn navigate_by(&self, element: fantoccini::elements::Element, what: &str) {
        self.client
            .execute("window.__old_page = true;", vec![])
            .await
            .unwrap();
        element.click().await.unwrap();
        for _ in 0..200 {
            let state = self
                .client
                .execute(
                    "return [window.__old_page === true, document.readyState];",
                    vec![],
                )
                .await;
            if let Ok(state) = state
                && state[0] == false
                && state[1] == "complete"
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no page loaded after clicking {what}");
    }

    /// The text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("nothing matches {css}: {e}"))
            .text()
            .await
            .unwrap()
    }

    /// The text of every element matching `css`.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut texts = Vec::new();
        for element in self.client.find_all(Locator::Css(css)).await.unwrap() {
            texts.push(element.text().await.unwrap());
        }
        texts
    }

    /// The addresses (paths) the links matching `css` go to.
    pub async fn links(&self, css: &str) -> Vec<String> {
        let found = self
            .client
            .execute(
                "return Array.from(document.querySelectorAll(arguments[0])).map(a => a.getAttribute('href'));",
                vec![json!(css)],
            )
            .await
            .unwrap();
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_owned())
            .collect()
    }

    /// The value of the field `css`.
    pub async fn value(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Waits (up to ten seconds) until the text of `css` contains `wanted`.
    pub async fn wait_for_text(&self, css: &str, wanted: &str) -> String {
        let mut seen = String::new();
        for _ in 0..100 {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                seen = element.text().await.unwrap_or_default();
                if seen.contains(wanted) {
                    return seen;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never said {wanted:?}; it said {seen:?}");
    }

    /// Saves a screenshot of the whole page at a desktop's width and at two phones'
    /// (`NN-name-1280.png`, `-390`, `-320`), checks that at each width the page reflows with
    /// nothing to scroll sideways (WCAG 2.2, 1.4.10), and checks the page with axe-core: no
    /// serious or critical violation of WCAG 2.2 AA or best practice.
    pub async fn look(&self, name: &str) {
        let n = self.taken.fetch_add(1, Ordering::Relaxed) + 1;
        for width in [1280, 390, 320] {
            self.client.set_window_size(width, 1000).await.unwrap();
            self.reflows(name, width).await;
            let height = self
                .client
                .execute("return document.documentElement.scrollHeight;", vec![])
                .await
                .unwrap()
                .as_u64()
                .unwrap_or(1000);
            let height = u32::try_from(height.clamp(600, 12000)).unwrap();
            self.client
                .set_window_size(width, height + 140)
                .await
                .unwrap();
            let png = self.client.screenshot().await.unwrap();
            std::fs::write(self.shots.join(format!("{n:02}-{name}-{width}.png")), png).unwrap();
        }
        self.client.set_window_size(1280, 1000).await.unwrap();
        self.accessible(name).await;
    }

    /// Fails naming the elements that stick out past the right edge, if the page is wider
    /// than the window (a table scrolling inside its own box does not count: the page does
    /// not move).
    async fn reflows(&self, name: &str, width: u32) {
        let found = self
            .client
            .execute(
                "const root = document.documentElement;
                 if (root.scrollWidth <= root.clientWidth) { return null; }
                 const edge = root.clientWidth;
                 const clipped = e => {
                   for (let p = e.parentElement; p; p = p.parentElement) {
                     if (getComputedStyle(p).overflowX !== 'visible') { return p !== document.body && p !== root; }
                   }
                   return false;
                 };
                 return {
                   page: root.scrollWidth, window: edge,
                   over: Array.from(document.body.querySelectorAll('*'))
                     .filter(e => e.getBoundingClientRect().right > edge + 0.5 && !clipped(e))
                     .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                       + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))
                     .slice(0, 12),
                 };",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            found.is_null(),
            "{name} ({}) scrolls sideways at {width} px: {found}",
            self.path().await
        );
    }

    async fn accessible(&self, name: &str) {
        self.client.execute(&axe_script(), vec![]).await.unwrap();
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => ({
                      id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))
                   .catch(e => done({error: String(e)}));",
                vec![],
            )
            .await
            .unwrap();
        let violations = result
            .as_array()
            .unwrap_or_else(|| panic!("axe failed on {name}: {result}"));
        let serious: Vec<&Value> = violations
            .iter()
            .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
            .collect();
        assert!(
            serious.is_empty(),
            "accessibility violations on {name} ({}): {}",
            self.path().await,
            serde_json::to_string_pretty(&serious).unwrap()
        );
    }

    /// Ends the session and stops the browser.
    pub async fn close(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if self.driver.try_wait().ok().flatten().is_none() {
            self.stop_driver();
        }
    }
}

fn xpath_literal(text: &str) -> String {
    if text.contains('\'') {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    }
}
