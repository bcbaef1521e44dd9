//! Extractors whose rejections speak the error catalogue, not axum's
//! plain-text defaults.

use crate::error::AppError;
use axum::extract::{FromRequest, Request};
use renkei_common::catalogue::ErrorId;
use serde::de::DeserializeOwned;

/// A JSON body; a malformed one is `invalid_input`, never a bare 4xx.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => {
                tracing::info!(%rejection, "unreadable JSON body");
                Err(AppError::Refused(ErrorId::InvalidInput))
            }
        }
    }
}
