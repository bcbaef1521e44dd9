//! FAPI 2.0 Security Profile, for a client registered under it: PAR,
//! private_key_jwt and DPoP-bound tokens. Each test is named by the line of
//! `shared/spec/fapi2-checklist.md` it proves.

use crate::keys::{CLIENT_KEY, DPOP_KEY_A, DPOP_KEY_B, OTHER_CLIENT_KEY, RSA_CLIENT_KEY};
use crate::oauth::{
    another_browser_without_redirects, answer_consent, customer_passes_screens_one_to_five, location, query_param,
};
use crate::on_both_databases;
use crate::support::{Db, TestApp};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey};
use renkei_backend::oauth::client_auth::JWT_BEARER;
use renkei_backend::secrets;
use renkei_backend::store::oauth::Client;
use serde_json::{Value, json};

const APP: &str = "fapi-app";
const OTHER_APP: &str = "fapi-app-2";
const REDIRECT: &str = "https://fapi-app.example/cb";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

fn ec(pem: &str) -> EncodingKey {
    EncodingKey::from_ec_pem(pem.as_bytes()).unwrap()
}

fn public_jwk(pem: &str) -> Jwk {
    Jwk::from_encoding_key(&ec(pem), Algorithm::ES256).unwrap()
}

fn thumbprint(pem: &str) -> String {
    public_jwk(pem).thumbprint(jsonwebtoken::jwk::ThumbprintHash::SHA256).unwrap()
}

/// A JWS built by hand, so tests can put anything in its header.
fn jws(header: Value, claims: Value, key: &EncodingKey, alg: Algorithm) -> String {
    let encode = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap());
    let message = format!("{}.{}", encode(&header), encode(&claims));
    let signature = jsonwebtoken::crypto::sign(message.as_bytes(), key, alg).unwrap();
    format!("{message}.{signature}")
}

fn now(app: &TestApp) -> i64 {
    app.clock_now().unix_timestamp()
}

fn issuer(app: &TestApp) -> String {
    app.state.public_url.to_string()
}

/// The client assertion of PKJ-BASE, with `change` applied to its claims.
fn assertion_with(
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

fn assertion(app: &TestApp) -> String {
    assertion_with(app, APP, &ec(CLIENT_KEY), Algorithm::ES256, |_| {})
}

/// A DPoP proof by `pem`'s key for `method url`, with `change` applied.
fn proof_with(
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

fn proof(app: &TestApp, pem: &str, path: &str) -> String {
    proof_with(app, pem, "POST", path, |_, _| {})
}

async fn register(app: &TestApp, client_id: &str, pem: &str) {
    let client = Client {
        client_id: client_id.into(),
        name: "FAPIテストアプリ".into(),
        profile: "fapi2".into(),
        auth_method: "private_key_jwt".into(),
        secret_hash: None,
        redirect_uris: vec![REDIRECT.into()],
        scopes: vec!["balance".into(), "transactions".into()],
    };
    app.store.upsert_client(&client).await.unwrap();
    let jwks = JwkSet { keys: vec![public_jwk(pem)] };
    app.store.set_client_jwks(client_id, &serde_json::to_string(&jwks).unwrap()).await.unwrap();
}

async fn fapi_app(db: Db) -> TestApp {
    let app = TestApp::spawn(db).await;
    register(&app, APP, CLIENT_KEY).await;
    register(&app, OTHER_APP, OTHER_CLIENT_KEY).await;
    app
}

fn par_form(client: &str, assertion: String) -> Vec<(&'static str, String)> {
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

async fn post_form(
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
async fn code_via_par(app: &TestApp, par_dpop: Option<String>, extra: &[(&'static str, String)]) -> String {
    let mut form = par_form(APP, assertion(app));
    form.extend_from_slice(extra);
    let (status, pushed, _) = post_form(app, "/oauth/par", &form, par_dpop).await;
    assert_eq!(status, 201, "{pushed}");
    let request_uri = pushed["request_uri"].as_str().unwrap();
    let authorize = renkei_backend::oauth::request::redirect_with(
        &app.url("/oauth/authorize"),
        &[("client_id", APP), ("request_uri", request_uri)],
    );
    let browser = another_browser_without_redirects();
    assert_eq!(location(&browser.get(authorize).send().await.unwrap()), "/auth/account");
    customer_passes_screens_one_to_five(app, &browser).await;
    let back = answer_consent(app, &browser, "allow").await;
    assert!(back.starts_with(REDIRECT), "{back}");
    assert_eq!(query_param(&back, "iss").as_deref(), Some(issuer(app).as_str()), "AUTHZ-ISS");
    query_param(&back, "code").unwrap()
}

fn token_form(app: &TestApp, code: &str) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "authorization_code".into()),
        ("code", code.into()),
        ("redirect_uri", REDIRECT.into()),
        ("code_verifier", VERIFIER.into()),
        ("client_assertion_type", JWT_BEARER.into()),
        ("client_assertion", assertion(app)),
    ]
}

fn error_of(body: &Value) -> &str {
    body["error"].as_str().unwrap_or_default()
}

on_both_databases! {
    async fn dpop_bind_ok_and_dpop_token_type(app) {
        let app = fapi_app_from(app).await;
        let code = code_via_par(&app, Some(proof(&app, DPOP_KEY_A, "/oauth/par")), &[]).await;
        assert!(code.len() >= 43, "AUTHZ-ENTROPY: 256-bit codes");
        let (status, tokens, headers) = post_form(&app, "/oauth/token", &token_form(&app, &code), Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!(status, 200, "{tokens}");
        assert_eq!(tokens["token_type"], "DPoP");
        assert!(tokens["access_token"].as_str().unwrap().len() >= 43);
        assert!(headers.contains_key("dpop-nonce"));
        // Introspection reports the binding (cnf.jkt).
        let form = vec![("token", tokens["access_token"].as_str().unwrap().to_owned()), ("client_assertion_type", JWT_BEARER.into()), ("client_assertion", assertion(&app))];
        let (_, introspected, _) = post_form(&app, "/oauth/introspect", &form, None).await;
        assert_eq!(introspected["active"], true);
        assert_eq!(introspected["token_type"], "DPoP");
        assert_eq!(introspected["cnf"]["jkt"], thumbprint(DPOP_KEY_A));
        // RT-NOAUTH and refresh: the same key works, another key or none does not.
        let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
        let refresh_form = |a: String| vec![("grant_type", "refresh_token".to_owned()), ("refresh_token", refresh.clone()), ("client_assertion_type", JWT_BEARER.into()), ("client_assertion", a)];
        let (status, body, _) = post_form(&app, "/oauth/token", &[("grant_type", "refresh_token".into()), ("refresh_token", refresh.clone())], Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert!(matches!(status, 400 | 401) && error_of(&body) == "invalid_client", "RT-NOAUTH: {body}");
        let (status, _, _) = post_form(&app, "/oauth/token", &refresh_form(assertion(&app)), Some(proof(&app, DPOP_KEY_B, "/oauth/token"))).await;
        assert_eq!(status, 400, "another key cannot refresh");
        let (status, _, _) = post_form(&app, "/oauth/token", &refresh_form(assertion(&app)), None).await;
        assert_eq!(status, 400, "no proof cannot refresh");
        let (status, refreshed, _) = post_form(&app, "/oauth/token", &refresh_form(assertion(&app)), Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!((status, refreshed["token_type"].as_str()), (200, Some("DPoP")), "{refreshed}");
    }

    async fn hok_required_a_fapi_token_request_without_dpop_fails(app) {
        let app = fapi_app_from(app).await;
        let code = code_via_par(&app, None, &[]).await;
        let (status, body, _) = post_form(&app, "/oauth/token", &token_form(&app, &code), None).await;
        assert_eq!((status, error_of(&body)), (400, "invalid_dpop_proof"));
    }

    async fn dpop_key_swap_par_key_a_token_key_b_fails(app) {
        let app = fapi_app_from(app).await;
        let code = code_via_par(&app, Some(proof(&app, DPOP_KEY_A, "/oauth/par")), &[]).await;
        let (status, body, _) = post_form(&app, "/oauth/token", &token_form(&app, &code), Some(proof(&app, DPOP_KEY_B, "/oauth/token"))).await;
        assert_eq!(status, 400);
        assert!(["invalid_grant", "invalid_dpop_proof"].contains(&error_of(&body)), "{body}");
    }

    async fn dpop_jkt_token_bound_by_parameter_then_proven_by_another_key_fails(app) {
        let app = fapi_app_from(app).await;
        let code = code_via_par(&app, None, &[("dpop_jkt", thumbprint(DPOP_KEY_A))]).await;
        let (status, _, _) = post_form(&app, "/oauth/token", &token_form(&app, &code), Some(proof(&app, DPOP_KEY_B, "/oauth/token"))).await;
        assert_eq!(status, 400);
        let code = code_via_par(&app, None, &[("dpop_jkt", thumbprint(DPOP_KEY_A))]).await;
        let (status, tokens, _) = post_form(&app, "/oauth/token", &token_form(&app, &code), Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!((status, tokens["token_type"].as_str()), (200, Some("DPoP")), "DPOP-BIND-OK via dpop_jkt");
    }

    async fn code_client_and_client_id_mismatch(app) {
        let app = fapi_app_from(app).await;
        let code = code_via_par(&app, None, &[]).await;
        let mut form = token_form(&app, &code);
        form[5].1 = assertion_with(&app, OTHER_APP, &ec(OTHER_CLIENT_KEY), Algorithm::ES256, |_| {});
        let (status, body, _) = post_form(&app, "/oauth/token", &form, Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!((status, error_of(&body)), (400, "invalid_grant"), "CODE-CLIENT");
        let mut form = token_form(&app, "whatever");
        form.push(("client_id", OTHER_APP.into()));
        let (status, body, _) = post_form(&app, "/oauth/token", &form, Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!((status, error_of(&body)), (401, "invalid_client"), "CLIENT-ID-MISMATCH");
    }

    async fn pkce_no_verifier_and_wrong_verifier(app) {
        let app = fapi_app_from(app).await;
        let code = code_via_par(&app, None, &[]).await;
        let mut form = token_form(&app, &code);
        form.remove(3);
        let (status, body, _) = post_form(&app, "/oauth/token", &form, Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!((status, error_of(&body)), (400, "invalid_grant"), "PKCE-NO-VERIFIER");
        let code = code_via_par(&app, None, &[]).await;
        let mut form = token_form(&app, &code);
        form[3].1 = secrets::random_secret();
        let (status, body, _) = post_form(&app, "/oauth/token", &form, Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!((status, error_of(&body)), (400, "invalid_grant"), "PKCE-WRONG");
    }
}

/// The macro hands a spawned app; FAPI tests add their clients to it.
async fn fapi_app_from(app: TestApp) -> TestApp {
    register(&app, APP, CLIENT_KEY).await;
    register(&app, OTHER_APP, OTHER_CLIENT_KEY).await;
    app
}

async fn par_status(app: &TestApp, form: Vec<(&'static str, String)>, dpop: Option<String>) -> (u16, String) {
    let (status, body, _) = post_form(app, "/oauth/par", &form, dpop).await;
    (status, error_of(&body).to_owned())
}

#[tokio::test]
async fn disc_1_discovery_names_the_fapi_methods_and_algorithms() {
    let app = fapi_app(Db::Sqlite).await;
    let doc: Value = app.get("/.well-known/oauth-authorization-server").await.json().await.unwrap();
    assert_eq!(doc["issuer"], issuer(&app));
    assert!(doc["token_endpoint_auth_methods_supported"].as_array().unwrap().contains(&json!("private_key_jwt")));
    assert!(doc["dpop_signing_alg_values_supported"].as_array().unwrap().contains(&json!("ES256")));
    assert!(doc["token_endpoint_auth_signing_alg_values_supported"].as_array().unwrap().contains(&json!("PS256")));
    assert!(doc["require_pushed_authorization_requests"].is_boolean());
}

#[tokio::test]
async fn par_req_a_fapi_client_without_par_is_refused() {
    let app = fapi_app(Db::Sqlite).await;
    let params: Vec<(&str, &str)> = vec![
        ("response_type", "code"),
        ("client_id", APP),
        ("redirect_uri", REDIRECT),
        ("scope", "balance"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ];
    let url = renkei_backend::oauth::request::redirect_with(&app.url("/oauth/authorize"), &params);
    let to = location(&another_browser_without_redirects().get(url).send().await.unwrap());
    assert_eq!(to, "/auth/ended?error=invalid_app_request");
}

#[tokio::test]
async fn par_resp_nested_verb_bound_and_pkce_at_par() {
    let app = fapi_app(Db::Sqlite).await;
    let (status, body, _) = post_form(&app, "/oauth/par", &par_form(APP, assertion(&app)), None).await;
    assert_eq!(status, 201);
    let expires_in = body["expires_in"].as_i64().unwrap();
    assert!((5..600).contains(&expires_in), "PAR-RESP");
    let request_uri = body["request_uri"].as_str().unwrap().to_owned();

    let mut nested = par_form(APP, assertion(&app));
    nested.push(("request_uri", request_uri.clone()));
    assert_eq!(par_status(&app, nested, None).await, (400, "invalid_request".into()), "PAR-NESTED");

    let put = reqwest::Client::new().put(app.url("/oauth/par")).send().await.unwrap();
    assert_eq!(put.status(), 405, "PAR-VERB");

    let cross = renkei_backend::oauth::request::redirect_with(
        &app.url("/oauth/authorize"),
        &[("client_id", OTHER_APP), ("request_uri", &request_uri)],
    );
    assert_eq!(
        location(&another_browser_without_redirects().get(cross).send().await.unwrap()),
        "/auth/ended?error=invalid_app_request",
        "PAR-BOUND"
    );

    let mut no_pkce = par_form(APP, assertion(&app));
    no_pkce.retain(|(k, _)| !k.starts_with("code_challenge"));
    assert_eq!(par_status(&app, no_pkce, None).await, (400, "invalid_request".into()), "PKCE-MISSING");
    let mut plain = par_form(APP, assertion(&app));
    plain[6].1 = "plain".into();
    assert_eq!(par_status(&app, plain, None).await, (400, "invalid_request".into()), "PKCE-PLAIN");
    let mut no_redirect = par_form(APP, assertion(&app));
    no_redirect.retain(|(k, _)| *k != "redirect_uri");
    assert_eq!(par_status(&app, no_redirect, None).await, (400, "invalid_request".into()), "PAR-NO-REDIR");
    let mut unregistered = par_form(APP, assertion(&app));
    unregistered[2].1 = "https://evil.example/cb".into();
    assert_eq!(par_status(&app, unregistered, None).await, (400, "invalid_request".into()), "PAR-BAD-REDIR");
    let mut token = par_form(APP, assertion(&app));
    token[0].1 = "token".into();
    assert_eq!(par_status(&app, token, None).await.0, 400, "RT-TOKEN");
    let mut hybrid = par_form(APP, assertion(&app));
    hybrid[0].1 = "code id_token".into();
    assert_eq!(par_status(&app, hybrid, None).await.0, 400, "RT-HYBRID");
}

#[tokio::test]
async fn pkj_client_assertions_are_checked_claim_by_claim() {
    let app = fapi_app(Db::Sqlite).await;
    let key = ec(CLIENT_KEY);
    let t = now(&app);
    let iss = issuer(&app);
    let cases: Vec<(&str, String)> = vec![
        ("PKJ-EXP", assertion_with(&app, APP, &key, Algorithm::ES256, |c| c["exp"] = json!(t - 300))),
        (
            "PKJ-AUD-WRONG",
            assertion_with(&app, APP, &key, Algorithm::ES256, |c| c["aud"] = json!("https://other.example")),
        ),
        (
            "PKJ-NO-SUB",
            assertion_with(&app, APP, &key, Algorithm::ES256, |c| {
                c.as_object_mut().unwrap().remove("sub");
            }),
        ),
        (
            "PKJ-AUD-ARRAY",
            assertion_with(&app, APP, &key, Algorithm::ES256, |c| {
                c["aud"] = json!([iss.clone(), format!("{iss}/oauth/token")])
            }),
        ),
        (
            "PKJ-AUD-PAR",
            assertion_with(&app, APP, &key, Algorithm::ES256, |c| c["aud"] = json!(format!("{iss}/oauth/par"))),
        ),
        (
            "PKJ-AUD-TOKEN",
            assertion_with(&app, APP, &key, Algorithm::ES256, |c| c["aud"] = json!(format!("{iss}/oauth/token"))),
        ),
        (
            "PKJ-SKEW-BAD",
            assertion_with(&app, APP, &key, Algorithm::ES256, |c| {
                c["iat"] = json!(t + 62);
                c["nbf"] = json!(t + 62);
                c["exp"] = json!(t + 122);
            }),
        ),
        (
            "PKJ-RS256",
            assertion_with(
                &app,
                APP,
                &EncodingKey::from_rsa_pem(RSA_CLIENT_KEY.as_bytes()).unwrap(),
                Algorithm::RS256,
                |_| {},
            ),
        ),
        ("other key", assertion_with(&app, APP, &ec(OTHER_CLIENT_KEY), Algorithm::ES256, |_| {})),
    ];
    for (line, bad) in cases {
        let (status, error) = par_status(&app, par_form(APP, bad), None).await;
        assert!(matches!(status, 400 | 401) && error == "invalid_client", "{line}: {status} {error}");
    }
    let mut missing = par_form(APP, String::new());
    missing.retain(|(k, _)| !k.starts_with("client_assertion"));
    assert_eq!(par_status(&app, missing, None).await, (401, "invalid_client".into()), "PKJ-MISSING");
    let skew_ok = assertion_with(&app, APP, &key, Algorithm::ES256, |c| {
        c["iat"] = json!(t + 8);
        c["nbf"] = json!(t + 8);
    });
    assert_eq!(par_status(&app, par_form(APP, skew_ok), None).await.0, 201, "PKJ-SKEW-OK");
    let once = assertion(&app);
    assert_eq!(par_status(&app, par_form(APP, once.clone()), None).await.0, 201);
    assert_eq!(par_status(&app, par_form(APP, once), None).await, (401, "invalid_client".into()), "PKJ-JTI-REPLAY");
}

#[tokio::test]
async fn dpop_proofs_are_checked_like_the_suites_reference() {
    let app = fapi_app(Db::Sqlite).await;
    let t = now(&app);
    let private_jwk = {
        let mut jwk = serde_json::to_value(public_jwk(DPOP_KEY_A)).unwrap();
        jwk["d"] = json!("AAAA");
        jwk
    };
    let cases: Vec<(&str, String)> = vec![
        ("RS-TYP", proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", |h, _| h["typ"] = json!("dpop+jwt+wrong"))),
        ("RS-HTM", proof_with(&app, DPOP_KEY_A, "PUT", "/oauth/par", |_, _| {})),
        ("RS-HTU", proof_with(&app, DPOP_KEY_A, "POST", "/oauth/token", |_, _| {})),
        ("RS-IAT +1h", proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", |_, c| c["iat"] = json!(t + 3600))),
        ("RS-IAT -1h", proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", |_, c| c["iat"] = json!(t - 3600))),
        (
            "RS-MISSING jti",
            proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", |_, c| {
                c.as_object_mut().unwrap().remove("jti");
            }),
        ),
        (
            "RS-MISSING iat",
            proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", |_, c| {
                c.as_object_mut().unwrap().remove("iat");
            }),
        ),
        ("RS-PRIVJWK", proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", |h, _| h["jwk"] = private_jwk.clone())),
        (
            "RS-SIG other key",
            proof_with(&app, DPOP_KEY_B, "POST", "/oauth/par", |h, _| h["jwk"] = json!(public_jwk(DPOP_KEY_A))),
        ),
        ("RS-MALFORMED", "eyJhbGciOiJFUzI1NiJ9.e30".to_owned()),
    ];
    for (line, bad) in cases {
        let (status, error) = par_status(&app, par_form(APP, assertion(&app)), Some(bad)).await;
        assert_eq!((status, error.as_str()), (400, "invalid_dpop_proof"), "{line}");
    }
    for skew in [-10, 10] {
        let ok = proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", |_, c| c["iat"] = json!(t + skew));
        assert_eq!(par_status(&app, par_form(APP, assertion(&app)), Some(ok)).await.0, 201, "DPOP-IAT-SKEW {skew}");
    }
    let with_nbf_exp = proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", |_, c| {
        c["nbf"] = json!(t);
        c["exp"] = json!(t + 300);
        c["extra"] = json!("x");
    });
    assert_eq!(
        par_status(&app, par_form(APP, assertion(&app)), Some(with_nbf_exp)).await.0,
        201,
        "DPOP-NBF-EXP, RS-EXTRA"
    );
    let query = proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par?x=1#f", |_, _| {});
    assert_eq!(par_status(&app, par_form(APP, assertion(&app)), Some(query)).await.0, 201, "RS-HTU-QF");
    let replayed = proof(&app, DPOP_KEY_A, "/oauth/par");
    assert_eq!(par_status(&app, par_form(APP, assertion(&app)), Some(replayed.clone())).await.0, 201);
    assert_eq!(par_status(&app, par_form(APP, assertion(&app)), Some(replayed)).await.0, 400, "RS-JTI replay");
    let mut mismatched = par_form(APP, assertion(&app));
    mismatched.push(("dpop_jkt", thumbprint(DPOP_KEY_B)));
    let (status, error) = par_status(&app, mismatched, Some(proof(&app, DPOP_KEY_A, "/oauth/par"))).await;
    assert_eq!((status, error.as_str()), (400, "invalid_request"), "DPOP-JKT-PAR");
    // Two DPoP headers.
    let twice = reqwest::Client::new()
        .post(app.url("/oauth/par"))
        .header("DPoP", proof(&app, DPOP_KEY_A, "/oauth/par"))
        .header("DPoP", proof(&app, DPOP_KEY_A, "/oauth/par"))
        .form(&par_form(APP, assertion(&app)))
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status(), 400, "RS-MULTI");
}

#[tokio::test]
async fn dpop_nonce_when_required_is_asked_for_then_accepted() {
    let app = TestApp::spawn_with(Db::Sqlite, |config| config.dpop.require_nonce = true).await;
    register(&app, APP, CLIENT_KEY).await;
    let (status, body, headers) =
        post_form(&app, "/oauth/par", &par_form(APP, assertion(&app)), Some(proof(&app, DPOP_KEY_A, "/oauth/par")))
            .await;
    assert_eq!((status, error_of(&body)), (400, "use_dpop_nonce"));
    let nonces: Vec<_> = headers.get_all("dpop-nonce").iter().collect();
    assert_eq!(nonces.len(), 1, "exactly one DPoP-Nonce");
    let nonce = nonces[0].to_str().unwrap().to_owned();
    assert!(nonce.bytes().all(|b| b == 0x21 || (0x23..=0x5B).contains(&b) || (0x5D..=0x7E).contains(&b)), "NQCHAR");
    let with_nonce = proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", |_, c| c["nonce"] = json!(nonce));
    assert_eq!(post_form(&app, "/oauth/par", &par_form(APP, assertion(&app)), Some(with_nonce)).await.0, 201);
}

#[tokio::test]
async fn err_format_token_errors_are_json_without_control_characters() {
    let app = fapi_app(Db::Sqlite).await;
    let response =
        reqwest::Client::new().post(app.url("/oauth/token")).form(&token_form(&app, "nope")).send().await.unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let body: Value = response.json().await.unwrap();
    let description = body["error_description"].as_str().unwrap();
    assert!(!description.contains(['\r', '\n', '\t']));
}
