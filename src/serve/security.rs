//! What every request passes before a handler, and every response gets after it.
//!
//! In: the request line is capped in size; on loopback the `Host` header must name the server
//! (a web page elsewhere cannot reach it through DNS rebinding); only GET and HEAD (and the login
//! form's POST, and CORS preflights when `--cors` is set) are served; with a token, every request
//! but the login form, its stylesheet and `/healthz` must carry it, as `Authorization: Bearer
//! TOKEN` or as the cookie the login form sets.
//! Out: `Content-Security-Policy: default-src 'self'` (no inline script, no other origin),
//! `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, no framing, no caching of
//! answers; `Access-Control-Allow-Origin` only for the `--cors` origin.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State as Shared};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::errors::ApiError;
use super::state::State;

/// Longest request target (path and query string), in bytes.
const MAX_TARGET_BYTES: usize = 8 * 1024;
/// Largest login form body, in bytes.
const MAX_FORM_BYTES: usize = 4 * 1024;
/// Longest a client may take to send the login form.
const FORM_DEADLINE: Duration = Duration::from_secs(10);
/// Name of the cookie the login form sets.
const COOKIE: &str = "dossier_token";

const CSP: &str = "default-src 'self'; base-uri 'none'; form-action 'self'; \
                   frame-ancestors 'none'; object-src 'none'";

/// The layer in front of every route.
pub async fn guard(Shared(st): Shared<Arc<State>>, req: Request, next: Next) -> Response {
    let origin_allowed = match (&st.cors, req.headers().get(header::ORIGIN)) {
        (Some(allowed), Some(o)) => o.as_bytes() == allowed.as_bytes(),
        _ => false,
    };
    let api = req.uri().path().starts_with("/api/");
    let mut resp = match check(&st, &req, origin_allowed) {
        Err(resp) => resp,
        Ok(()) => next.run(req).await,
    };
    secure(resp.headers_mut(), api);
    if origin_allowed {
        if let Some(o) = &st.cors {
            if let Ok(v) = HeaderValue::from_str(o) {
                resp.headers_mut()
                    .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
            }
        }
        resp.headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    resp
}

/// The request checks, in order; an answer when one fails.
fn check(st: &State, req: &Request, origin_allowed: bool) -> Result<(), Response> {
    let target_len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target_len > MAX_TARGET_BYTES {
        return Err(ApiError::with(
            StatusCode::URI_TOO_LONG,
            format!("the request is {target_len} bytes long: at most {MAX_TARGET_BYTES}"),
        )
        .into_response());
    }
    if !st.hosts.is_empty() {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !st.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return Err(ApiError::with(
                StatusCode::MISDIRECTED_REQUEST,
                format!(
                    "this server answers only as {}: open that address",
                    st.hosts[0]
                ),
            )
            .into_response());
        }
    }
    let path = req.uri().path();
    let method = req.method();
    if method == Method::OPTIONS && origin_allowed {
        return Err((
            StatusCode::NO_CONTENT,
            [
                (header::ACCESS_CONTROL_ALLOW_METHODS, "GET"),
                (header::ACCESS_CONTROL_ALLOW_HEADERS, "authorization"),
                (header::ACCESS_CONTROL_MAX_AGE, "600"),
            ],
        )
            .into_response());
    }
    let allowed = method == Method::GET
        || method == Method::HEAD
        || (method == Method::POST && path == "/login");
    if !allowed {
        return Err(ApiError::with(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{method} is not served: the API is read-only, use GET"),
        )
        .into_response());
    }
    if let Some(token) = &st.token {
        let public = matches!(path, "/login" | "/app.css" | "/healthz");
        if !public && !carries(req.headers(), token) {
            return Err(if path.starts_with("/api/") {
                ApiError::with(
                    StatusCode::UNAUTHORIZED,
                    "this server needs its token: send `Authorization: Bearer TOKEN`, or log in at /login",
                )
                .into_response()
            } else {
                see_other("/login")
            });
        }
    }
    Ok(())
}

/// Whether the request carries `token` in its Authorization header or cookie.
fn carries(headers: &HeaderMap, token: &str) -> bool {
    let bearer = headers
        .get_all(header::AUTHORIZATION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.strip_prefix("Bearer "))
        .any(|t| same(t.trim(), token));
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .any(|t| same(t, token));
    bearer || cookie
}

/// Compares without stopping at the first difference (no timing hint of how much matched).
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn see_other(to: &'static str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

/// `POST /login`: the form's `token`; right, the cookie is set and the page opens.
pub async fn login(Shared(st): Shared<Arc<State>>, body: Body) -> Response {
    let read = tokio::time::timeout(FORM_DEADLINE, axum::body::to_bytes(body, MAX_FORM_BYTES));
    let Ok(Ok(bytes)) = read.await else {
        return ApiError::bad_request(format!(
            "the login form must be sent within {} s and be at most {MAX_FORM_BYTES} bytes",
            FORM_DEADLINE.as_secs()
        ))
        .into_response();
    };
    let given = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    match &st.token {
        Some(token) if same(given.trim(), token) => {
            let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
            let mut resp = see_other("/");
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                resp.headers_mut().insert(header::SET_COOKIE, v);
            }
            resp
        }
        Some(_) => see_other("/login#wrong"),
        None => see_other("/"),
    }
}

/// The headers every response carries.
fn secure(h: &mut HeaderMap, api: bool) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if api { "no-store" } else { "no-cache" }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_in_header_or_cookie() {
        let mut h = HeaderMap::new();
        assert!(!carries(&h, "s3cret"));
        h.insert(header::AUTHORIZATION, "Bearer s3cret".parse().unwrap());
        assert!(carries(&h, "s3cret"));
        assert!(!carries(&h, "s3cre"));
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=b; dossier_token=s3cret".parse().unwrap());
        assert!(carries(&h, "s3cret"));
        assert!(!carries(&h, "other"));
    }
}
