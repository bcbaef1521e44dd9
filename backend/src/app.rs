//! The application: state, router and layers, and the server's life.

use crate::clock::SharedClock;
use crate::config::Config;
use crate::config::Profile;
use crate::error::error_response;
use crate::load_shed::InFlight;
use crate::store::Store;
use crate::{demo_app, flow, health, oauth, security, service_hours, spa, telephony, union};
use axum::Router;
use axum::routing::get;
use renkei_common::catalogue::{ApiError, ErrorId};
use std::sync::Arc;
use thiserror::Error;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

/// What every handler can reach. Time comes only from `clock`.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: SharedClock,
    pub config: Arc<Config>,
    pub in_flight: Arc<InFlight>,
    /// Where the outside world reaches us (signed webhook URLs start here).
    pub public_url: Arc<str>,
}

#[derive(Debug, Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: std::net::SocketAddr, source: std::io::Error },
    #[error("server: {0}")]
    Serve(#[from] std::io::Error),
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl Application {
    /// Connects and migrates the database, seeds the demo data if asked,
    /// and binds the listener (port 0 picks a free port, for tests).
    pub async fn build(config: Config, clock: SharedClock) -> Result<Self, StartError> {
        let store = Store::connect(&config.database_url).await?;
        if config.seed_demo && store.seed_demo().await? {
            tracing::info!("demo data loaded");
        }
        let listener =
            TcpListener::bind(config.bind).await.map_err(|source| StartError::Bind { addr: config.bind, source })?;
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
        }
        let state = AppState { store, clock, config: Arc::new(config), in_flight, public_url: public_url.into() };
        Ok(Application { listener, router: router(state.clone()), state })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until the future completes; in-flight requests finish first.
    pub async fn serve_with_shutdown(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartError> {
        let service = self.router.into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(self.listener, service).with_graceful_shutdown(shutdown).await?;
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

fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/health", get(health::check))
        .route("/union", get(union::profile))
        .route("/branches", get(union::branches))
        .route("/service-status", get(service_hours::status))
        .nest("/flow", flow::router(state.clone()))
        .fallback(|| async { error_response(ApiError::new(ErrorId::NotFound)) });
    let mut app = Router::new()
        .nest("/api", security::with_api_headers(api))
        .nest("/telephony", telephony::router())
        .nest("/oauth", security::with_api_headers(oauth::router(state.clone())))
        .route("/.well-known/oauth-authorization-server", axum::routing::get(oauth::metadata::document))
        .fallback_service(spa::router(&state.config.spa_dir));
    if state.config.profile == Profile::Development {
        app = app
            .nest("/demo-app", demo_app::router())
            .route("/demo-app/style.css", axum::routing::get(demo_app::style))
            .route("/dev/outbox", axum::routing::get(crate::mail::outbox_page::list));
    }
    security::with_common_headers(app)
        // Failures are logged where they happen (`AppError`), with their cause;
        // a refused request (out of hours, busy) is not a server failure.
        .layer(TraceLayer::new_for_http().make_span_with(security::span_without_query).on_failure(()))
        .with_state(state)
}
