//! `renkei-auth`: reads its configuration from the environment and serves.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    renkei_backend::telemetry::init();
    let config = match renkei_backend::config::Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            tracing::error!(%error, "configuration refused");
            return ExitCode::FAILURE;
        }
    };
    match renkei_backend::app::Application::build(config, renkei_backend::clock::system()).await {
        Ok(app) => match app.serve_until_shutdown().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                tracing::error!(%error, "server stopped");
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            tracing::error!(%error, "start-up failed");
            ExitCode::FAILURE
        }
    }
}
