//! What every request handler shares: the store, the settings and the clock.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use disputes_notify::Renderer;

use disputes_store::Store;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::clock::Clock;
use crate::config::Settings;
use crate::outage::Outage;
use crate::problem::ApiError;

/// The service's shared state; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The parts of the state.
pub struct Shared {
    /// The database.
    pub store: Store,
    /// The configuration.
    pub settings: Settings,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Renders `/metrics`, when a recorder is installed.
    pub metrics: Option<PrometheusHandle>,
    /// Whether the database is out of reach, so requests are answered 503 at once.
    pub outage: Outage,
    /// This process, as the database's `instances` knows it.
    pub instance: String,
    /// The OpenID Connect providers, as discovered.
    pub oidc: crate::auth::oidc::Providers,
    /// The words of both languages, with the Compact's own and the operator's.
    pub catalogue: Arc<disputes_i18n::Catalogue>,
    /// The templates, for letters: loaded on first use (the service checked them as it
    /// started, when its email dispatcher loaded the same files).
    renderer: OnceLock<Result<Renderer, String>>,
}

impl AppState {
    /// Bundles the parts.
    pub fn new(
        store: Store,
        settings: Settings,
        clock: Arc<dyn Clock>,
        metrics: Option<PrometheusHandle>,
        instance: String,
    ) -> AppState {
        // The service checks its catalogue as it starts (`serve` stops on a broken one);
        // here a broken one reads as the built-in words.
        let catalogue = settings.catalogue().unwrap_or_else(|error| {
            tracing::error!(%error, "the catalogue could not be loaded");
            disputes_i18n::Catalogue::built_in()
        });
        AppState(Arc::new(Shared {
            catalogue,
            store,
            settings,
            clock,
            metrics,
            outage: Outage::default(),
            instance,
            oidc: crate::auth::oidc::Providers::default(),
            renderer: OnceLock::new(),
        }))
    }
}

impl Shared {
    /// The words in `lang`.
    pub fn locale(&self, lang: disputes_i18n::Lang) -> disputes_i18n::Locale {
        disputes_i18n::Locale::new(Arc::clone(&self.catalogue), lang)
    }

    /// The templates, as the configuration has them.
    pub fn renderer(&self) -> Result<&Renderer, ApiError> {
        self.renderer
            .get_or_init(|| {
                Renderer::new(
                    self.settings.email.templates_dir.as_deref(),
                    Arc::clone(&self.catalogue),
                )
                .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(ApiError::internal_because)
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
