//! private_key_jwt client assertions, claim by claim: one test per PKJ-*
//! line of the checklist, each at the PAR endpoint.

use super::*;
use crate::keys::{CLIENT_KEY, OTHER_CLIENT_KEY, RSA_CLIENT_KEY};
use crate::on_both_databases;

/// PKJ-BASE's assertion changed by `change` (claims, now, issuer) is refused
/// with invalid_client.
async fn refused(app: &TestApp, change: impl FnOnce(&mut Value, i64, &str)) {
    let (t, iss) = (now(app), issuer(app));
    let bad = assertion_with(app, APP, &ec(CLIENT_KEY), Algorithm::ES256, |c| change(c, t, &iss));
    refused_as_is(app, bad).await;
}

async fn refused_as_is(app: &TestApp, assertion: String) {
    let (status, error) = par_status(app, par_form(APP, assertion), None).await;
    assert!(matches!(status, 400 | 401) && error == "invalid_client", "{status} {error}");
}

on_both_databases! {
    setup = fapi_app;

    async fn pkj_base_the_happy_shape_is_accepted(app) {
        assert_eq!(par_status(&app, par_form(APP, assertion(&app)), None).await.0, 201);
    }

    async fn pkj_missing(app) {
        let mut missing = par_form(APP, String::new());
        missing.retain(|(k, _)| !k.starts_with("client_assertion"));
        assert_eq!(par_status(&app, missing, None).await, (401, "invalid_client".into()));
    }

    async fn pkj_rs256(app) {
        let rsa = EncodingKey::from_rsa_pem(RSA_CLIENT_KEY.as_bytes()).unwrap();
        refused_as_is(&app, assertion_with(&app, APP, &rsa, Algorithm::RS256, |_| {})).await;
    }

    async fn pkj_exp(app) {
        refused(&app, |c, t, _| c["exp"] = json!(t - 300)).await;
    }

    async fn pkj_aud_wrong(app) {
        refused(&app, |c, _, _| c["aud"] = json!("https://other.example")).await;
    }

    async fn pkj_no_sub(app) {
        refused(&app, |c, _, _| {
            c.as_object_mut().unwrap().remove("sub");
        })
        .await;
    }

    async fn pkj_aud_array(app) {
        refused(&app, |c, _, iss| c["aud"] = json!([iss, format!("{iss}/oauth/token")])).await;
    }

    async fn pkj_aud_par(app) {
        refused(&app, |c, _, iss| c["aud"] = json!(format!("{iss}/oauth/par"))).await;
    }

    async fn pkj_aud_token(app) {
        refused(&app, |c, _, iss| c["aud"] = json!(format!("{iss}/oauth/token"))).await;
    }

    async fn pkj_skew_ok(app) {
        let t = now(&app);
        let ahead = assertion_with(&app, APP, &ec(CLIENT_KEY), Algorithm::ES256, |c| {
            c["iat"] = json!(t + 8);
            c["nbf"] = json!(t + 8);
        });
        assert_eq!(par_status(&app, par_form(APP, ahead), None).await.0, 201);
    }

    async fn pkj_skew_bad(app) {
        refused(&app, |c, t, _| {
            c["iat"] = json!(t + 62);
            c["nbf"] = json!(t + 62);
            c["exp"] = json!(t + 122);
        })
        .await;
    }

    async fn pkj_jti_replay(app) {
        let once = assertion(&app);
        assert_eq!(par_status(&app, par_form(APP, once.clone()), None).await.0, 201);
        assert_eq!(par_status(&app, par_form(APP, once), None).await, (401, "invalid_client".into()));
    }

    async fn pkj_signed_by_another_clients_key_is_refused(app) {
        refused_as_is(&app, assertion_with(&app, APP, &ec(OTHER_CLIENT_KEY), Algorithm::ES256, |_| {})).await;
    }
}
