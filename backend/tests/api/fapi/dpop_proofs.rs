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

on_both_databases! {
    setup = fapi_app;
    async fn dpop_proofs_are_checked_like_the_suites_reference(app) {
        let t = now(&app);
        let private_jwk = {
            let mut jwk = serde_json::to_value(public_jwk(DPOP_KEY_A)).unwrap();
            jwk["d"] = json!("AAAA");
            jwk
        };
        let mut cases: Vec<(&str, String)> = vec![
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
            ("RS-ALG none", unsigned(proof(&app, DPOP_KEY_A, "/oauth/par"))),
            ("RS-ALG RS256", proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", |h, _| h["alg"] = json!("RS256"))),
        ];
        let missing = |header: bool, name: &'static str| {
            proof_with(&app, DPOP_KEY_A, "POST", "/oauth/par", move |h, c| {
                let part = if header { h } else { c };
                part.as_object_mut().unwrap().remove(name);
            })
        };
        cases.extend([
            ("RS-MISSING typ", missing(true, "typ")),
            ("RS-MISSING alg", missing(true, "alg")),
            ("RS-MISSING jwk", missing(true, "jwk")),
            ("RS-MISSING htm", missing(false, "htm")),
            ("RS-MISSING htu", missing(false, "htu")),
        ]);
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
}

async fn fapi_app_requiring_dpop_nonces(db: Db) -> TestApp {
    TestApp::spawn_with(db, |config| config.dpop.require_nonce = true).await
}

on_both_databases! {
    setup = fapi_app_requiring_dpop_nonces;
    async fn dpop_nonce_when_required_is_asked_for_then_accepted(app) {
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
