//! Screen ①: the account request starts a flow bound to the browser.

use crate::on_both_databases;
use crate::support::error_of;
use renkei_common::api::{AccountRequest, FlowProgress};
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;
use time::Duration;

fn account(branch: &str, kind: &str, number: &str) -> AccountRequest {
    AccountRequest { branch_code: branch.into(), account_type: kind.into(), account_number: number.into() }
}

on_both_databases! {
    async fn a_valid_account_starts_a_flow_at_screen_two(app) {
        let response = app.post_json("/api/flow/account", &account("001", "ordinary", "1234567")).await;
        assert_eq!(response.status(), 200);
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.starts_with("renkei_flow="));
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
        let progress: FlowProgress = response.json().await.unwrap();
        assert_eq!(progress.step, Step::Customer);

        let now: FlowProgress = app.get("/api/flow").await.json().await.unwrap();
        assert_eq!(now.step, Step::Customer, "a reload finds the same place");
    }

    async fn full_width_digits_and_a_short_number_are_accepted(app) {
        let response = app.post_json("/api/flow/account", &account("０１１", "ordinary", "１１１１１１")).await;
        assert_eq!(response.status(), 200);
    }

    async fn every_bad_field_is_named_with_its_message(app) {
        let response = app.post_json("/api/flow/account", &account("1", "", "12345678")).await;
        assert_eq!(response.status(), 422);
        let error = error_of(response).await;
        assert_eq!(error.id, ErrorId::InvalidInput);
        let fields: Vec<_> = error.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["branch_code", "account_type", "account_number"]);
        assert_eq!(error.fields[2].message, "口座番号は7桁以内の数字で入力して下さい。");
    }

    async fn a_malformed_body_is_invalid_input_not_a_bare_error(app) {
        let response = app
            .client
            .post(app.url("/api/flow/account"))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        assert_eq!(error_of(response).await.id, ErrorId::InvalidInput);
    }

    async fn a_request_from_another_site_is_refused(app) {
        let response = app
            .client
            .post(app.url("/api/flow/account"))
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .json(&account("001", "ordinary", "1234567"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
        assert_eq!(error_of(response).await.id, ErrorId::ForbiddenOrigin);
        assert!(app.get("/api/flow").await.status().is_client_error(), "no flow was started");
    }

    async fn without_a_flow_cookie_the_flow_has_expired(app) {
        let response = app.get("/api/flow").await;
        assert_eq!(response.status(), 401, "the flow's cookie is the screens' credential");
        assert_eq!(error_of(response).await.id, ErrorId::FlowExpired);
    }

    async fn a_flow_lasts_fifteen_minutes(app) {
        app.post_json("/api/flow/account", &account("001", "ordinary", "1234567")).await;
        app.clock.advance(Duration::minutes(14) + Duration::seconds(59));
        assert_eq!(app.get("/api/flow").await.status(), 200);
        app.clock.advance(Duration::seconds(1));
        let response = app.get("/api/flow").await;
        assert_eq!(error_of(response).await.id, ErrorId::FlowExpired);
    }
}
