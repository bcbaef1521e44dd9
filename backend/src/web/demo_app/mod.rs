//! A small "fintech app" for demos and tests (development profile only):
//! it pushes its request (PAR) with PKCE S256, sends the browser to the
//! authorization endpoint, receives the callback, exchanges the code at the
//! token endpoint and shows the token response. It talks to the server over
//! HTTP exactly as an outside app would; its PKCE verifier and state live
//! in its own cookie. It is two registered clients: the baseline one
//! (client_secret_basic, Bearer tokens) and a FAPI 2.0 one (private_key_jwt,
//! DPoP-bound tokens; see [`fapi`]).

pub mod fapi;
pub mod moved_link;
mod statement;

use crate::domain::oauth::request::redirect_with;
use crate::secrets;
use crate::state::AppState;
use crate::store::clients::{AuthMethod, Client, ClientProfile};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use reqwest::RequestBuilder;
use serde::Deserialize;

pub const CLIENT_ID: &str = "demo-budget-app";
/// A development secret, documented in README; never a production value.
pub const CLIENT_SECRET: &str = "demo-budget-app-secret-for-development-only";
pub const APP_NAME: &str = "しんくみ家計簿（デモアプリ）";

/// Which of the demo's two clients a request is made as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Baseline,
    Fapi,
}

impl Mode {
    fn client_id(self) -> &'static str {
        match self {
            Mode::Baseline => CLIENT_ID,
            Mode::Fapi => fapi::CLIENT_ID,
        }
    }

    fn app_name(self) -> &'static str {
        match self {
            Mode::Baseline => APP_NAME,
            Mode::Fapi => fapi::APP_NAME,
        }
    }

    fn callback_path(self) -> &'static str {
        match self {
            Mode::Baseline => "/demo-app/callback",
            Mode::Fapi => "/demo-app/fapi/callback",
        }
    }

    fn cookie(self) -> &'static str {
        match self {
            Mode::Baseline => "demo_app_pkce",
            Mode::Fapi => "demo_app_fapi_pkce",
        }
    }

    /// A GET of the bank API's `path_and_query` with the access token, as
    /// this client presents it: a bearer, or DPoP with a proof.
    fn read(self, state: &AppState, path_and_query: &str, token: &str) -> Option<RequestBuilder> {
        let url = format!("{}{path_and_query}", state.public_url);
        let http = reqwest::Client::new();
        Some(match self {
            Mode::Baseline => http.get(&url).bearer_auth(token),
            Mode::Fapi => {
                let bare = url.split('?').next().unwrap_or_default();
                let proof = fapi::dpop_proof(state, "GET", bare, Some(token))?;
                http.get(&url).header("Authorization", format!("DPoP {token}")).header("DPoP", proof)
            }
        })
    }

    /// A POST of `form` to the server's `endpoint`, authenticated as this
    /// client: HTTP Basic, or a client assertion and a DPoP proof.
    fn post(self, state: &AppState, endpoint: &str, mut form: Vec<(&'static str, String)>) -> Option<RequestBuilder> {
        let url = format!("{}{endpoint}", state.public_url);
        let http = reqwest::Client::new();
        Some(match self {
            Mode::Baseline => http.post(&url).basic_auth(CLIENT_ID, Some(CLIENT_SECRET)).form(&form),
            Mode::Fapi => {
                form.extend(fapi::client_authentication(state)?);
                http.post(&url).header("DPoP", fapi::dpop_proof(state, "POST", &url, None)?).form(&form)
            }
        })
    }
}

pub fn client(public_url: &str) -> Client {
    Client {
        client_id: CLIENT_ID.into(),
        name: APP_NAME.into(),
        profile: ClientProfile::Baseline,
        auth_method: AuthMethod::ClientSecretBasic,
        secret_hash: Some(secrets::hash(CLIENT_SECRET)),
        redirect_uris: vec![format!("{public_url}/demo-app/callback")],
        scopes: vec!["balance".into(), "transactions".into()],
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/start", post(|state: State<AppState>, jar: CookieJar| start(Mode::Baseline, state, jar)))
        .route(
            "/callback",
            get(|state: State<AppState>, jar: CookieJar, back| callback(Mode::Baseline, state, jar, back)),
        )
        .route("/fapi/start", post(|state: State<AppState>, jar: CookieJar| start(Mode::Fapi, state, jar)))
        .route(
            "/fapi/callback",
            get(|state: State<AppState>, jar: CookieJar, back| callback(Mode::Fapi, state, jar, back)),
        )
}

fn page(mode: Mode, title: &str, body: &str) -> Response {
    let app_name = mode.app_name();
    let html = format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/demo-app/style.css\"></head>\
         <body><main class=\"demo\"><p class=\"demo__app\">{app_name}</p><h1>{title}</h1>{body}</main></body></html>"
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

async fn home() -> Response {
    page(
        Mode::Baseline,
        "口座連携",
        "<p>信用組合の口座の残高と入出金明細をこのアプリで見るには、口座を連携して下さい。</p>\
         <form method=\"post\" action=\"/demo-app/start\"><button type=\"submit\">口座を連携する</button></form>\
         <p class=\"demo__note\">FAPI 2.0 の金融機関向けプロファイル（private_key_jwt、DPoP）で試す：</p>\
         <form method=\"post\" action=\"/demo-app/fapi/start\"><button type=\"submit\">FAPI 2.0で連携する</button></form>",
    )
}

#[derive(Deserialize)]
struct Pushed {
    request_uri: String,
}

async fn start(mode: Mode, State(state): State<AppState>, jar: CookieJar) -> Response {
    let app_state = secrets::random_secret();
    let verifier = secrets::random_secret();
    let base = state.public_url.to_string();
    let form = vec![
        ("response_type", "code".to_owned()),
        ("client_id", mode.client_id().to_owned()),
        ("redirect_uri", format!("{base}{}", mode.callback_path())),
        ("scope", "balance transactions".to_owned()),
        ("state", app_state.clone()),
        ("code_challenge", secrets::s256(&verifier)),
        ("code_challenge_method", "S256".to_owned()),
    ];
    let pushed = match mode.post(&state, "/oauth/par", form) {
        Some(request) => request.send().await.ok(),
        None => None,
    };
    let request_uri = match pushed {
        Some(response) if response.status().is_success() => response.json::<Pushed>().await.ok().map(|p| p.request_uri),
        _ => None,
    };
    let Some(request_uri) = request_uri else {
        return page(mode, "連携を開始できません", "<p>認可サーバーへの要求（PAR）が受け付けられませんでした。</p>");
    };
    let cookie = Cookie::build((mode.cookie(), format!("{app_state}.{verifier}")))
        .path("/demo-app")
        .http_only(true)
        .same_site(SameSite::Lax)
        .build();
    let to = redirect_with(
        &format!("{base}/oauth/authorize"),
        &[("client_id", mode.client_id()), ("request_uri", &request_uri)],
    );
    (jar.add(cookie), Redirect::to(&to)).into_response()
}

#[derive(Deserialize)]
struct Callback {
    code: Option<String>,
    state: Option<String>,
    iss: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Tokens {
    access_token: String,
    token_type: String,
    expires_in: i64,
    refresh_token: Option<String>,
    scope: Option<String>,
}

async fn callback(mode: Mode, State(state): State<AppState>, jar: CookieJar, Query(back): Query<Callback>) -> Response {
    let base = state.public_url.to_string();
    let saved = jar.get(mode.cookie()).map(|c| c.value().to_owned()).unwrap_or_default();
    let Some((expected_state, verifier)) = saved.split_once('.') else {
        return page(mode, "連携できませんでした", "<p>このブラウザで開始した連携ではありません。</p>");
    };
    if back.state.as_deref() != Some(expected_state) || back.iss.as_deref() != Some(base.as_str()) {
        return page(mode, "連携できませんでした", "<p>応答の state または iss が一致しません。</p>");
    }
    if let Some(error) = back.error {
        return page(
            mode,
            "連携されませんでした",
            &format!("<p>お客さまが連携を許可しませんでした（<code>{}</code>）。</p>", escape(&error)),
        );
    }
    let code = back.code.unwrap_or_default();
    let form = vec![
        ("grant_type", "authorization_code".to_owned()),
        ("code", code),
        ("redirect_uri", format!("{base}{}", mode.callback_path())),
        ("code_verifier", verifier.to_owned()),
    ];
    let exchanged = match mode.post(&state, "/oauth/token", form) {
        Some(request) => request.send().await.ok(),
        None => None,
    };
    let tokens = match exchanged {
        Some(response) if response.status().is_success() => response.json::<Tokens>().await.ok(),
        _ => None,
    };
    let Some(tokens) = tokens else {
        return page(mode, "連携できませんでした", "<p>トークンの取得に失敗しました。</p>");
    };
    let shown: String = tokens.access_token.chars().take(6).collect();
    let statement = statement::read(mode, &state, &tokens.access_token).await;
    page(
        mode,
        "連携が完了しました",
        &format!(
            "{statement}<p>口座の連携が完了しました。トークン応答：</p><dl>\
             <dt>token_type</dt><dd id=\"token-type\">{}</dd>\
             <dt>expires_in</dt><dd id=\"expires-in\">{}</dd>\
             <dt>scope</dt><dd id=\"scope\">{}</dd>\
             <dt>access_token</dt><dd id=\"access-token\">{shown}…</dd>\
             <dt>refresh_token</dt><dd id=\"refresh-token\">{}</dd></dl>",
            escape(&tokens.token_type),
            tokens.expires_in,
            escape(tokens.scope.as_deref().unwrap_or_default()),
            if tokens.refresh_token.is_some() { "受領済み" } else { "なし" },
        ),
    )
}

/// The demo app's look, served as a file so its pages need no inline style.
pub async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css"), (header::CACHE_CONTROL, "no-cache")],
        "body{margin:0;font-family:system-ui,\"Noto Sans CJK JP\",sans-serif;background:#f6f1e7;color:#222}\
         .demo{max-width:480px;margin:0 auto;padding:24px 16px}.demo__app{color:#8a5a00;font-weight:700}\
         button{font:inherit;font-weight:700;width:100%;min-height:48px;border:0;border-radius:8px;background:#e07a00;color:#fff}\
         dt{font-weight:700;margin-top:8px}dd{margin:0;word-break:break-all}\
         .demo__note{margin-top:32px;font-size:14px;color:#555}\
         .demo__statement table{width:100%;border-collapse:collapse;font-size:14px}\
         .demo__statement th,.demo__statement td{padding:6px 4px;border-bottom:1px solid #e2d8c6;text-align:left}\
         .demo__statement td:first-child{white-space:nowrap}.demo__statement td:nth-child(3),.demo__statement td:nth-child(4){text-align:right;white-space:nowrap}\
         .demo__in{color:#1a6b2b}.demo__out{color:#8a1c1c}",
    )
        .into_response()
}
