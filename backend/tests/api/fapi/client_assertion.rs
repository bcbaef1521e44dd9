//! private_key_jwt client assertions, claim by claim (PKJ-*).

use super::*;
use crate::keys::{CLIENT_KEY, OTHER_CLIENT_KEY, RSA_CLIENT_KEY};
use crate::on_both_databases;

on_both_databases! {
    setup = fapi_app;
    async fn pkj_client_assertions_are_checked_claim_by_claim(app) {
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
}
