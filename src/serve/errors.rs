//! Errors of the web API: a status and one line, sent as `{"error": "..."}`. A bad query or
//! parameter is a 400 with the message the command line gives; anything else about the index is
//! a 500 whose details go to the server's stderr, not to the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::error::Error;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// The one line sent as `error`.
    pub message: String,
}

impl ApiError {
    /// 400: the request is wrong; `message` says how to fix it.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// 500, without internals (those are printed on the server's stderr by the caller).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }

    /// 503: the work took longer than the deadline.
    pub fn too_slow(deadline: std::time::Duration) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!(
                "the request took longer than {} s: narrow the query or filters",
                deadline.as_secs()
            ),
        }
    }

    /// Any status with a message.
    pub fn with(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        match e {
            Error::Query(_) | Error::Usage(_) => ApiError::bad_request(e.to_string()),
            Error::Quickwit { .. } => {
                eprintln!("dossier: serve: {e}");
                ApiError::with(StatusCode::BAD_GATEWAY, e.to_string())
            }
            other => {
                eprintln!("dossier: serve: {other}");
                ApiError::internal("the index could not be read (the server's log says why)")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string();
        (
            self.status,
            [(
                axum::http::header::CONTENT_TYPE,
                "application/json; charset=utf-8",
            )],
            body,
        )
            .into_response()
    }
}
