//! FAPI 2.0 Security Profile, for a client registered under it: PAR,
//! private_key_jwt and DPoP-bound tokens. Each test is named by the line of
//! `shared/spec/fapi2-checklist.md` it proves; this module holds what the
//! tests share (a client that signs, proofs by hand-built JWS).

mod client_assertion;
mod codes;
mod dpop_proofs;
mod par;
mod resource;
mod tokens;

use crate::keys::{CLIENT_KEY, OTHER_CLIENT_KEY};
use crate::oauth::{
    another_browser_without_redirects, answer_consent, customer_passes_screens_one_to_five, location, query_param,
};
use crate::support::{Db, TestApp};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey};
use renkei_backend::domain::oauth::client_auth::JWT_BEARER;
use renkei_backend::secrets;
use renkei_backend::store::clients::{AuthMethod, Client, ClientProfile};
use serde_json::{Value, json};

pub(super) const APP: &str = "fapi-app";
pub(super) const OTHER_APP: &str = "fapi-app-2";
pub(super) const REDIRECT: &str = "https://fapi-app.example/cb";
pub(super) const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub(super) const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

pub(super) fn ec(pem: &str) -> EncodingKey {
    EncodingKey::from_ec_pem(pem.as_bytes()).unwrap()
}

pub(super) fn public_jwk(pem: &str) -> Jwk {
    Jwk::from_encoding_key(&ec(pem), Algorithm::ES256).unwrap()
}

pub(super) fn thumbprint(pem: &str) -> String {
    public_jwk(pem).thumbprint(jsonwebtoken::jwk::ThumbprintHash::SHA256).unwrap()
}

/// A JWS built by hand, so tests can put anything in its header.
pub(super) fn jws(header: Value, claims: Value, key: &EncodingKey, alg: Algorithm) -> String {
    let encode = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap());
    let message = format!("{}.{}", encode(&header), encode(&claims));
    let signature = jsonwebtoken::crypto::sign(message.as_bytes(), key, alg).unwrap();
    format!("{message}.{signature}")
}

pub(super) fn now(app: &TestApp) -> i64 {
    app.clock_now().unix_timestamp()
}

pub(super) fn issuer(app: &TestApp) -> String {
    app.state.public_url.to_string()
}

/// The client assertion of PKJ-BASE, with `change` applied to its claims.
pub(super) fn assertion_with(
    app: &TestApp,
    client: &str,
    key: &EncodingKey,
    alg: Algorithm,
    change: impl FnOnce(&mut Value),
) -> String {
    let t = now(app);
    let mut claims = json!({
        "iss": client, "sub": client, "aud": issuer(app),
        "jti": secrets::random_secret(), "iat": t, "nbf": t, "exp": t + 60,
    });
    change(&mut claims);
    jws(json!({ "alg": format!("{alg:?}"), "typ": "JWT" }), claims, key, alg)
}

pub(super) fn assertion(app: &TestApp) -> String {
    assertion_with(app, APP, &ec(CLIENT_KEY), Algorithm::ES256, |_| {})
}

/// A DPoP proof by `pem`'s key for `method url`, with `change` applied.
pub(super) fn proof_with(
    app: &TestApp,
    pem: &str,
    method: &str,
    path: &str,
    change: impl FnOnce(&mut Value, &mut Value),
) -> String {
    let mut header = json!({ "typ": "dpop+jwt", "alg": "ES256", "jwk": public_jwk(pem) });
    let mut claims = json!({ "jti": secrets::random_secret(), "htm": method, "htu": app.url(path), "iat": now(app) });
    change(&mut header, &mut claims);
    jws(header, claims, &ec(pem), Algorithm::ES256)
}

pub(super) fn proof(app: &TestApp, pem: &str, path: &str) -> String {
    proof_with(app, pem, "POST", path, |_, _| {})
}

pub(super) async fn register(app: &TestApp, client_id: &str, pem: &str) {
    let client = Client {
        client_id: client_id.into(),
        name: "FAPIテストアプリ".into(),
        profile: ClientProfile::Fapi2,
        auth_method: AuthMethod::PrivateKeyJwt,
        secret_hash: None,
        redirect_uris: vec![REDIRECT.into()],
        scopes: vec!["balance".into(), "transactions".into()],
    };
    app.store.upsert_client(&client).await.unwrap();
    let jwks = JwkSet { keys: vec![public_jwk(pem)] };
    app.store.set_client_jwks(client_id, &serde_json::to_string(&jwks).unwrap()).await.unwrap();
}

pub(super) async fn fapi_app(db: Db) -> TestApp {
    let app = TestApp::spawn(db).await;
    register(&app, APP, CLIENT_KEY).await;
    register(&app, OTHER_APP, OTHER_CLIENT_KEY).await;
    app
}

pub(super) fn par_form(client: &str, assertion: String) -> Vec<(&'static str, String)> {
    vec![
        ("response_type", "code".into()),
        ("client_id", client.into()),
        ("redirect_uri", REDIRECT.into()),
        ("scope", "balance transactions".into()),
        ("state", "fapi-state".into()),
        ("code_challenge", CHALLENGE.into()),
        ("code_challenge_method", "S256".into()),
        ("client_assertion_type", JWT_BEARER.into()),
        ("client_assertion", assertion),
    ]
}

pub(super) async fn post_form(
    app: &TestApp,
    path: &str,
    form: &[(&str, String)],
    dpop: Option<String>,
) -> (u16, Value, reqwest::header::HeaderMap) {
    let mut request = reqwest::Client::new().post(app.url(path)).form(form);
    if let Some(proof) = dpop {
        request = request.header("DPoP", proof);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, response.json().await.unwrap_or_default(), headers)
}

/// PAR, then the browser visits the authorization endpoint with only
/// client_id + request_uri (PAR-MIN), the customer passes ①–⑥.
pub(super) async fn code_via_par(app: &TestApp, par_dpop: Option<String>, extra: &[(&'static str, String)]) -> String {
    let mut form = par_form(APP, assertion(app));
    form.extend_from_slice(extra);
    let back = back_from(app, form, par_dpop).await;
    query_param(&back, "code").unwrap()
}

/// Where the browser is sent back to after the customer allows the request
/// pushed with `form`.
pub(super) async fn back_from(app: &TestApp, form: Vec<(&'static str, String)>, par_dpop: Option<String>) -> String {
    let (status, pushed, _) = post_form(app, "/oauth/par", &form, par_dpop).await;
    assert_eq!(status, 201, "{pushed}");
    let request_uri = pushed["request_uri"].as_str().unwrap();
    let authorize = renkei_backend::domain::oauth::request::redirect_with(
        &app.url("/oauth/authorize"),
        &[("client_id", APP), ("request_uri", request_uri)],
    );
    let browser = another_browser_without_redirects();
    assert_eq!(location(&browser.get(authorize).send().await.unwrap()), "/auth/account");
    customer_passes_screens_one_to_five(app, &browser).await;
    let back = answer_consent(app, &browser, "allow").await;
    assert!(back.starts_with(REDIRECT), "{back}");
    assert_eq!(query_param(&back, "iss").as_deref(), Some(issuer(app).as_str()), "AUTHZ-ISS");
    back
}

pub(super) fn token_form(app: &TestApp, code: &str) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "authorization_code".into()),
        ("code", code.into()),
        ("redirect_uri", REDIRECT.into()),
        ("code_verifier", VERIFIER.into()),
        ("client_assertion_type", JWT_BEARER.into()),
        ("client_assertion", assertion(app)),
    ]
}

pub(super) fn error_of(body: &Value) -> &str {
    body["error"].as_str().unwrap_or_default()
}

/// The macro hands a spawned app; FAPI tests add their clients to it.
pub(super) async fn fapi_app_from(app: TestApp) -> TestApp {
    register(&app, APP, CLIENT_KEY).await;
    register(&app, OTHER_APP, OTHER_CLIENT_KEY).await;
    app
}

pub(super) async fn par_status(
    app: &TestApp,
    form: Vec<(&'static str, String)>,
    dpop: Option<String>,
) -> (u16, String) {
    let (status, body, _) = post_form(app, "/oauth/par", &form, dpop).await;
    (status, error_of(&body).to_owned())
}
