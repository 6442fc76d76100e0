//! The page: HTML, CSS and JavaScript embedded in the binary (no CDN, no build step). The page
//! builds its DOM from the API's JSON with `textContent` only; see `page/app.js`.

use axum::http::header;
use axum::response::{IntoResponse, Response};

const INDEX_HTML: &str = include_str!("page/index.html");
const APP_JS: &str = include_str!("page/app.js");
const APP_CSS: &str = include_str!("page/app.css");
const LOGIN_HTML: &str = include_str!("page/login.html");

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

/// `GET /`: the page (it reads its state from the URL: `/?q=...&actor=...`).
pub async fn page() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML)
}

/// `GET /app.js`.
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

/// `GET /app.css`.
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", APP_CSS)
}

/// `GET /login`: the token form (no script).
pub async fn login() -> Response {
    asset("text/html; charset=utf-8", LOGIN_HTML)
}
