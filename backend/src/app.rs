//! The application: wires the ports (store, core, clock, random) into the
//! state, builds the router, and runs the server's life.

use crate::clock::SharedClock;
use crate::config::{Config, CoreBackend, Profile};
use crate::core::SharedCore;
use crate::core::embedded::EmbeddedCore;
use crate::in_flight::InFlight;
use crate::mail::mailer::{Mailer, MailerError};
use crate::random::{self, SharedRandom};
use crate::state::AppState;
use crate::store::Store;
use crate::web::demo_app;
use axum::Router;
use renkei_common::calendar::jst;
use std::sync::Arc;
use thiserror::Error;
use tokio::net::TcpListener;

#[derive(Debug, Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: std::net::SocketAddr, source: std::io::Error },
    #[error("server: {0}")]
    Serve(#[from] std::io::Error),
    #[error("mail: {0}")]
    Mail(#[from] MailerError),
}

/// The ports an application runs on. `core: None` takes the one the
/// configuration names (the embedded core by default); a union's own
/// binary passes its adapter here.
pub struct Ports {
    pub clock: SharedClock,
    pub random: SharedRandom,
    pub core: Option<SharedCore>,
}

pub struct Application {
    listener: TcpListener,
    /// Prometheus's own listener, when configured.
    metrics: Option<TcpListener>,
    router: Router,
    state: AppState,
}

impl Application {
    /// Connects and migrates the database, seeds the demo data if asked,
    /// and binds the listener (port 0 picks a free port, for tests).
    pub async fn build(config: Config, clock: SharedClock) -> Result<Self, StartError> {
        Self::build_with(config, Ports { clock, random: random::system(), core: None }).await
    }

    pub async fn build_with(config: Config, ports: Ports) -> Result<Self, StartError> {
        let mailer = Arc::new(Mailer::from_config(&config.mail)?);
        let store = Store::connect(&config.database_url).await?;
        let core: SharedCore = match ports.core {
            Some(core) => core,
            None => match config.core {
                CoreBackend::Embedded => {
                    let embedded = EmbeddedCore::new(store.pool().clone());
                    if config.seed_demo && embedded.seed_demo(jst(ports.clock.now()).date()).await? {
                        tracing::info!("demo data loaded");
                    }
                    Arc::new(embedded)
                }
            },
        };
        let listener =
            TcpListener::bind(config.bind).await.map_err(|source| StartError::Bind { addr: config.bind, source })?;
        let metrics = match config.metrics_bind {
            Some(addr) => Some(TcpListener::bind(addr).await.map_err(|source| StartError::Bind { addr, source })?),
            None => None,
        };
        let in_flight = Arc::new(InFlight::new(config.max_in_flight));
        let public_url = match &config.public_url {
            Some(url) => url.clone(),
            None => format!("http://{}", listener.local_addr().map_err(StartError::Serve)?),
        };
        if config.profile == Profile::Development {
            store.upsert_client(&demo_app::client(&public_url)).await?;
            store.upsert_client(&demo_app::fapi::client(&public_url)).await?;
            if let Some(jwks) = demo_app::fapi::jwks() {
                store.set_client_jwks(demo_app::fapi::CLIENT_ID, &jwks).await?;
            }
            if config.seed_demo_moved_link
                && let Err(cause) = demo_app::moved_link::seed(&store, &*core, ports.clock.now()).await
            {
                tracing::warn!(%cause, "demo link on the moved account not added");
            }
        }
        let state = AppState {
            store,
            core,
            clock: ports.clock,
            random: ports.random,
            config: Arc::new(config),
            mailer,
            in_flight,
            public_url: public_url.into(),
        };
        Ok(Application { listener, metrics, router: crate::web::router(state.clone()), state })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// The metrics listener's port, when there is one.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().and_then(|l| l.local_addr().ok()).map(|a| a.port())
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the future completes; in-flight requests finish first.
    pub async fn serve_with_shutdown(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartError> {
        if let Some(listener) = self.metrics {
            let router = crate::telemetry::metrics::router(self.state.clone());
            tokio::spawn(async move {
                if let Err(cause) = axum::serve(listener, router).await {
                    tracing::error!(%cause, "metrics listener stopped");
                }
            });
        }
        let header_read_timeout = self.state.config.header_read_timeout;
        crate::web::serve::serve(self.listener, self.router, header_read_timeout, shutdown).await;
        Ok(())
    }

    pub async fn serve_until_shutdown(self) -> Result<(), StartError> {
        tokio::spawn(crate::mail::worker::run(self.state.clone()));
        let url = format!("http://{}", self.listener.local_addr()?);
        tracing::info!(%url, backend = ?self.state.store.backend(), "renkei-auth is serving");
        self.serve_with_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("shutting down");
        })
        .await
    }
}
