//! The resource server lines of the checklist (RS-…): the bank API takes a
//! DPoP-bound token only with a proof by its key, for this request and this
//! token (RFC 9449 §7), and never as a bearer.

use super::*;
use crate::keys::{DPOP_KEY_A, DPOP_KEY_B};
use crate::on_both_databases;
use renkei_backend::domain::oauth::dpop::current_nonce;
use sha2::{Digest, Sha256};

const ACCOUNTS: &str = "/api/personal/v1/accounts";

/// `ath`: the token's SHA-256, base64url.
fn ath(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

fn with_nonce(app: &TestApp, claims: &mut Value) {
    if app.state.config.dpop.require_nonce {
        claims["nonce"] = json!(current_nonce(&app.state.oauth()));
    }
}

/// An access token bound to DPOP_KEY_A, through PAR, ①–⑥ and the token endpoint.
async fn bound_token(app: &TestApp) -> String {
    let par_proof = proof_with(app, DPOP_KEY_A, "POST", "/oauth/par", |_, c| with_nonce(app, c));
    let code = code_via_par(app, Some(par_proof), &[]).await;
    let token_proof = proof_with(app, DPOP_KEY_A, "POST", "/oauth/token", |_, c| with_nonce(app, c));
    let (status, tokens, _) = post_form(app, "/oauth/token", &token_form(app, &code), Some(token_proof)).await;
    assert_eq!((status, tokens["token_type"].as_str()), (200, Some("DPoP")), "{tokens}");
    tokens["access_token"].as_str().unwrap().to_owned()
}

/// A proof for GET of the accounts by `pem`'s key, for `token`, changed.
fn rs_proof(app: &TestApp, pem: &str, token: &str, change: impl FnOnce(&mut Value, &mut Value)) -> String {
    proof_with(app, pem, "GET", ACCOUNTS, |header, claims| {
        claims["ath"] = json!(ath(token));
        with_nonce(app, claims);
        change(header, claims);
    })
}

async fn get(app: &TestApp, authorization: String, dpop: Option<(&str, String)>) -> (u16, reqwest::header::HeaderMap) {
    let mut request = reqwest::Client::new().get(app.url(ACCOUNTS)).header("authorization", authorization);
    if let Some((name, proof)) = dpop {
        request = request.header(name, proof);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.headers().clone())
}

async fn nonce_app(db: Db) -> TestApp {
    fapi_app_from(TestApp::spawn_with(db, |config| config.dpop.require_nonce = true).await).await
}

on_both_databases! {
    setup = fapi_app;

    async fn rs_dpop_a_bound_token_with_its_proof_reads_the_account(app) {
        let token = bound_token(&app).await;
        let (status, _) = get(&app, format!("DPoP {token}"), Some(("DPoP", rs_proof(&app, DPOP_KEY_A, &token, |_, _| {})))).await;
        assert_eq!(status, 200);
    }

    async fn rs_bearer_a_bound_token_sent_as_a_bearer_is_refused(app) {
        let token = bound_token(&app).await;
        let (status, headers) = get(&app, format!("Bearer {token}"), None).await;
        assert_eq!(status, 401, "RS-BEARER");
        assert!(headers["www-authenticate"].to_str().unwrap().starts_with("DPoP"), "the DPoP challenge");
        let (status, _) = get(&app, format!("Bearer {token}"), Some(("DPoP", rs_proof(&app, DPOP_KEY_A, &token, |_, _| {})))).await;
        assert_eq!(status, 401, "not even with a proof beside it");
    }

    async fn rs_noproof_the_dpop_scheme_without_a_proof_is_refused(app) {
        let token = bound_token(&app).await;
        let (status, headers) = get(&app, format!("DPoP {token}"), None).await;
        assert_eq!(status, 401, "RS-NOPROOF");
        assert!(headers["www-authenticate"].to_str().unwrap().contains("error=\"invalid_dpop_proof\""));
    }

    async fn rs_ath_a_proof_for_another_token_is_refused(app) {
        let token = bound_token(&app).await;
        let wrong = rs_proof(&app, DPOP_KEY_A, &token, |_, c| c["ath"] = json!(ath("another token")));
        assert_eq!(get(&app, format!("DPoP {token}"), Some(("DPoP", wrong))).await.0, 401, "RS-ATH");
        let without = rs_proof(&app, DPOP_KEY_A, &token, |_, c| {
            c.as_object_mut().unwrap().remove("ath");
        });
        assert_eq!(get(&app, format!("DPoP {token}"), Some(("DPoP", without))).await.0, 401, "RS-MISSING-CLAIM ath");
    }

    async fn rs_key_a_proof_by_another_key_is_refused(app) {
        let token = bound_token(&app).await;
        let other = rs_proof(&app, DPOP_KEY_B, &token, |_, _| {});
        assert_eq!(get(&app, format!("DPoP {token}"), Some(("DPoP", other))).await.0, 401, "RS-KEY");
    }

    async fn rs_hdr_case_header_and_scheme_names_in_any_case(app) {
        let token = bound_token(&app).await;
        let proof = rs_proof(&app, DPOP_KEY_A, &token, |_, _| {});
        assert_eq!(get(&app, format!("DPOP {token}"), Some(("DPOP", proof))).await.0, 200, "RS-HDR-CASE");
    }

    async fn rs_htu_norm_scheme_and_host_in_upper_case(app) {
        let token = bound_token(&app).await;
        let shouted = app.url(ACCOUNTS).replacen("http://", "HTTP://", 1);
        let proof = rs_proof(&app, DPOP_KEY_A, &token, |_, c| c["htu"] = json!(shouted));
        assert_eq!(get(&app, format!("DPoP {token}"), Some(("DPoP", proof))).await.0, 200, "RS-HTU-NORM");
        let query = rs_proof(&app, DPOP_KEY_A, &token, |_, c| c["htu"] = json!(format!("{}?x=1#f", app.url(ACCOUNTS))));
        assert_eq!(get(&app, format!("DPoP {token}"), Some(("DPoP", query))).await.0, 200, "RS-HTU-QF");
        let other = rs_proof(&app, DPOP_KEY_A, &token, |_, c| c["htu"] = json!(app.url("/api/personal/v1/accounts/balances")));
        assert_eq!(get(&app, format!("DPoP {token}"), Some(("DPoP", other))).await.0, 401, "RS-HTU");
    }
}

on_both_databases! {
    setup = nonce_app;

    async fn rs_nonce_a_proof_without_the_servers_nonce_is_answered_with_one(app) {
        let token = bound_token(&app).await;
        let stale = rs_proof(&app, DPOP_KEY_A, &token, |_, c| {
            c.as_object_mut().unwrap().remove("nonce");
        });
        let (status, headers) = get(&app, format!("DPoP {token}"), Some(("DPoP", stale))).await;
        assert_eq!(status, 401);
        assert!(headers["www-authenticate"].to_str().unwrap().contains("error=\"use_dpop_nonce\""));
        let nonce = headers["dpop-nonce"].to_str().unwrap().to_owned();
        let fresh = rs_proof(&app, DPOP_KEY_A, &token, |_, c| c["nonce"] = json!(nonce));
        assert_eq!(get(&app, format!("DPoP {token}"), Some(("DPoP", fresh))).await.0, 200);
    }
}
