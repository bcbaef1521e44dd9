//! The token endpoint for FAPI clients: DPoP binding, PKCE, client binding.

use super::*;
use crate::keys::{DPOP_KEY_A, DPOP_KEY_B, OTHER_CLIENT_KEY};
use crate::on_both_databases;

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

on_both_databases! {
    setup = fapi_app;
    async fn err_format_token_errors_are_json_without_control_characters(app) {
        let response =
            reqwest::Client::new().post(app.url("/oauth/token")).form(&token_form(&app, "nope")).send().await.unwrap();
        assert_eq!(response.status(), 400);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
        let body: Value = response.json().await.unwrap();
        let description = body["error_description"].as_str().unwrap();
        assert!(!description.contains(['\r', '\n', '\t']));
    }
}
