//! DPoP proofs as the suite's reference checks them (RS-*, DPOP-*).

use super::*;
use crate::keys::{CLIENT_KEY, DPOP_KEY_A, DPOP_KEY_B};
use crate::on_both_databases;

/// The same proof with `alg: none` and no signature.
fn unsigned(proof: String) -> String {
    let mut parts = proof.split('.');
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts.next().unwrap()).unwrap()).unwrap();
    let mut header = header;
    header["alg"] = json!("none");
    format!("{}.{}.", URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header).unwrap()), parts.next().unwrap())
}

/// A proof for PAR by key A, changed by `change` (header, claims, now).
fn par_proof(app: &TestApp, change: impl FnOnce(&mut Value, &mut Value, i64)) -> String {
    let t = now(app);
    proof_with(app, DPOP_KEY_A, "POST", "/oauth/par", |h, c| change(h, c, t))
}

async fn refused(app: &TestApp, proof: String) {
    let (status, error) = par_status(app, par_form(APP, assertion(app)), Some(proof)).await;
    assert_eq!((status, error.as_str()), (400, "invalid_dpop_proof"));
}

async fn accepted(app: &TestApp, proof: String) {
    let (status, error) = par_status(app, par_form(APP, assertion(app)), Some(proof)).await;
    assert_eq!(status, 201, "{error}");
}

fn without(part: &mut Value, name: &str) {
    part.as_object_mut().unwrap().remove(name);
}

// One test per line of the checklist's "DPoP at resource server" and "DPoP
// at AS" sections that a proof at our PAR endpoint can show; the resource
// server's own lines (ath, the DPoP scheme) come with the bank API.
on_both_databases! {
    setup = fapi_app;

    async fn rs_typ(app) {
        refused(&app, par_proof(&app, |h, _, _| h["typ"] = json!("dpop+jwt+wrongyousee"))).await;
    }

    async fn rs_alg_none(app) {
        refused(&app, unsigned(proof(&app, DPOP_KEY_A, "/oauth/par"))).await;
    }

    async fn rs_alg_rs256_on_an_ec_key(app) {
        refused(&app, par_proof(&app, |h, _, _| h["alg"] = json!("RS256"))).await;
    }

    async fn rs_sig(app) {
        let other = proof_with(&app, DPOP_KEY_B, "POST", "/oauth/par", |h, _| h["jwk"] = json!(public_jwk(DPOP_KEY_A)));
        refused(&app, other).await;
    }

    async fn rs_privjwk(app) {
        let mut private = serde_json::to_value(public_jwk(DPOP_KEY_A)).unwrap();
        private["d"] = json!("AAAA");
        refused(&app, par_proof(&app, move |h, _, _| h["jwk"] = private)).await;
    }

    async fn rs_htm(app) {
        refused(&app, proof_with(&app, DPOP_KEY_A, "PUT", "/oauth/par", |_, _| {})).await;
    }

    async fn rs_htu(app) {
        refused(&app, proof_with(&app, DPOP_KEY_A, "POST", "/oauth/token", |_, _| {})).await;
    }

    async fn rs_htu_qf(app) {
        accepted(&app, proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par?x=1#f", |_, _| {})).await;
    }

    async fn rs_extra_and_dpop_nbf_exp(app) {
        accepted(
            &app,
            par_proof(&app, |h, c, t| {
                h["kid"] = json!("extra");
                c["nbf"] = json!(t);
                c["exp"] = json!(t + 300);
                c["extra"] = json!("x");
            }),
        )
        .await;
    }

    async fn rs_iat_an_hour_ahead_or_behind(app) {
        refused(&app, par_proof(&app, |_, c, t| c["iat"] = json!(t + 3600))).await;
        refused(&app, par_proof(&app, |_, c, t| c["iat"] = json!(t - 3600))).await;
    }

    async fn dpop_iat_skew(app) {
        accepted(&app, par_proof(&app, |_, c, t| c["iat"] = json!(t - 10))).await;
        accepted(&app, par_proof(&app, |_, c, t| c["iat"] = json!(t + 10))).await;
    }

    async fn rs_jti(app) {
        let replayed = proof(&app, DPOP_KEY_A, "/oauth/par");
        accepted(&app, replayed.clone()).await;
        refused(&app, replayed).await;
    }

    async fn rs_missing_claim(app) {
        for name in ["typ", "alg", "jwk"] {
            refused(&app, par_proof(&app, |h, _, _| without(h, name))).await;
        }
        for name in ["jti", "htm", "htu", "iat"] {
            refused(&app, par_proof(&app, |_, c, _| without(c, name))).await;
        }
    }

    async fn rs_malformed(app) {
        refused(&app, "eyJhbGciOiJFUzI1NiJ9.e30".to_owned()).await;
    }

    async fn rs_multi(app) {
        let twice = reqwest::Client::new()
            .post(app.url("/oauth/par"))
            .header("DPoP", proof(&app, DPOP_KEY_A, "/oauth/par"))
            .header("DPoP", proof(&app, DPOP_KEY_A, "/oauth/par"))
            .form(&par_form(APP, assertion(&app)))
            .send()
            .await
            .unwrap();
        assert_eq!(twice.status(), 400);
    }

    async fn dpop_jkt_par(app) {
        let mut mismatched = par_form(APP, assertion(&app));
        mismatched.push(("dpop_jkt", thumbprint(DPOP_KEY_B)));
        let (status, error) = par_status(&app, mismatched, Some(proof(&app, DPOP_KEY_A, "/oauth/par"))).await;
        assert_eq!((status, error.as_str()), (400, "invalid_request"));
    }
}

async fn fapi_app_requiring_dpop_nonces(db: Db) -> TestApp {
    TestApp::spawn_with(db, |config| config.dpop.require_nonce = true).await
}

on_both_databases! {
    setup = fapi_app_requiring_dpop_nonces;
    async fn dpop_nonce(app) {
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
}
