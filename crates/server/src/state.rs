//! What every request handler shares: the store, the settings and the clock.

use std::ops::Deref;
use std::sync::Arc;

use disputes_store::Store;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::clock::Clock;
use crate::config::Settings;
use crate::outage::Outage;

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
        AppState(Arc::new(Shared {
            store,
            settings,
            clock,
            metrics,
            outage: Outage::default(),
            instance,
        }))
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
