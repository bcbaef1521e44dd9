//! The life of a link after ⑥, as the FAQ answers it: the customer's own
//! view (連携管理) after ①–⑤ lists the account's links and ends any of
//! them at once; a moved account (移管) ends its links at their next use,
//! whichever token is used, and the new account links normally.

use crate::bank_api::{access, linked, read, the_demo_app_asks_for};
use crate::grants::{RIGHTFUL, active, refresh};
use crate::oauth::{
    another_browser_without_redirects, answer_consent, exchange_code, passes_screens_one_to_five_as, query_param,
};
use crate::on_both_databases;
use crate::screen_phone::{Customer, YAMADA_MOBILE, yamada};
use crate::support::{TestApp, error_of};
use renkei_backend::secrets;
use renkei_backend::store::links::RevokedBy;
use renkei_backend::web::demo_app::CLIENT_ID;
use renkei_common::api::{AccountRequest, CustomerRequest, EndLinkRequest, FlowProgress, LinkList};
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;
use serde_json::Value;

const WATANABE_MOBILE: &str = "+819056789012";

/// The demo customer whose account moved from 011-0111111 to 022-2222222.
fn watanabe_at(branch: &str, number: &str) -> Customer {
    Customer {
        account: AccountRequest {
            branch_code: branch.into(),
            account_type: "ordinary".into(),
            account_number: number.into(),
        },
        details: CustomerRequest {
            birth_date: "1969-09-09".into(),
            phone_last4: "9012".into(),
            kana_name: "ワタナベ ケン".into(),
            email: "ken@example.jp".into(),
            email_confirmation: "ken@example.jp".into(),
        },
    }
}

/// A browser that has begun 連携管理 and passed ①–⑤ as Yamada.
async fn yamada_manages_links(app: &TestApp) -> reqwest::Client {
    let browser = another_browser_without_redirects();
    let started: FlowProgress =
        browser.post(app.url("/api/flow/links/start")).send().await.unwrap().json().await.unwrap();
    assert_eq!(started.step, Step::Account, "連携管理 begins at ①");
    let next = passes_screens_one_to_five_as(app, &browser, &yamada(), YAMADA_MOBILE, "1234").await;
    assert_eq!(next, Step::Links, "after ⑤ comes the list, not ⑥");
    browser
}

async fn links_in(app: &TestApp, browser: &reqwest::Client) -> LinkList {
    let response = browser.get(app.url("/api/flow/links")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn end(app: &TestApp, browser: &reqwest::Client, id: i64) -> reqwest::Response {
    browser.post(app.url("/api/flow/links/end")).json(&EndLinkRequest { id }).send().await.unwrap()
}

/// Who ended the link the tokens belong to, as stored.
async fn ended_by(app: &TestApp, tokens: &Value) -> Option<RevokedBy> {
    let hash = secrets::hash(tokens["refresh_token"].as_str().unwrap());
    let consent: i64 = sqlx::query_scalar("SELECT consent_id FROM tokens WHERE token_hash = $1")
        .bind(hash)
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    app.store.link_state(consent).await.unwrap().unwrap().revoked_by
}

async fn move_yamadas_account(app: &TestApp) {
    sqlx::query("UPDATE accounts SET status = 'moved' WHERE id = 1").execute(app.store.pool()).await.unwrap();
}

on_both_databases! {
    async fn the_customer_sees_the_apps_linked_to_the_account_and_ends_one_at_once(app) {
        let tokens = linked(&app).await;
        assert_eq!(read(&app, &access(&tokens), "/api/personal/v1/accounts").await.0, 200);
        let browser = yamada_manages_links(&app).await;
        let list = links_in(&app, &browser).await;
        assert_eq!(list.account, "本店営業部 普通 ****567");
        assert_eq!(list.links.len(), 1, "{list:?}");
        let link = &list.links[0];
        assert_eq!(link.data, ["残高照会", "入出金明細照会（約3か月分）"], "as ⑥ worded it");
        assert!(link.since.ends_with('日') && link.until.ends_with('日'), "{link:?}");
        assert_ne!(link.since, link.until);

        let answer = end(&app, &browser, link.id).await;
        assert_eq!(answer.status(), 200);
        let after: LinkList = answer.json().await.unwrap();
        assert_eq!(after.ended.as_deref(), Some(link.app_name.as_str()), "the answer says which app was unlinked");
        assert!(after.links.is_empty());

        // At once: the app's tokens open nothing and cannot be renewed.
        let (status, body, _) = read(&app, &access(&tokens), "/api/personal/v1/accounts").await;
        assert_eq!((status, body["errorCode"].as_str()), (401, Some("R01")));
        assert_eq!(refresh(&app, RIGHTFUL, tokens["refresh_token"].as_str().unwrap()).await.0, 400);
        assert_eq!(ended_by(&app, &tokens).await, Some(RevokedBy::Customer));
        let logged: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM operation_log WHERE step = 'links' AND outcome = 'link_ended'",
        )
        .fetch_one(app.store.pool())
        .await
        .unwrap();
        assert_eq!(logged, 1, "the end is in the operation log");
    }

    async fn the_list_opens_only_after_all_five_screens_and_never_leads_to_consent(app) {
        let stranger = another_browser_without_redirects();
        let refused = stranger.get(app.url("/api/flow/links")).send().await.unwrap();
        assert_eq!(error_of(refused).await.id, ErrorId::FlowExpired, "no flow, no list");
        stranger.post(app.url("/api/flow/links/start")).send().await.unwrap();
        let early = stranger.get(app.url("/api/flow/links")).send().await.unwrap();
        assert_eq!(error_of(early).await.id, ErrorId::StepOutOfOrder, "not before ①–⑤");

        let browser = yamada_manages_links(&app).await;
        let consent = browser.get(app.url("/api/flow/consent")).send().await.unwrap();
        assert_eq!(error_of(consent).await.id, ErrorId::StepOutOfOrder, "連携管理 links no app");
    }

    async fn a_link_of_another_account_or_one_already_ended_is_not_found(app) {
        let tokens = linked(&app).await;
        // Suzuki's account (id 2) linked to the same app.
        sqlx::query(
            "INSERT INTO consents (account_id, client_id, scope, granted_at, expires_at) VALUES (2, $1, 'balance', 0, $2)",
        )
        .bind(CLIENT_ID)
        .bind(app.clock_now().unix_timestamp() + 86_400)
        .execute(app.store.pool())
        .await
        .unwrap();
        let theirs: i64 = sqlx::query_scalar("SELECT id FROM consents WHERE account_id = 2")
            .fetch_one(app.store.pool())
            .await
            .unwrap();
        let browser = yamada_manages_links(&app).await;
        let refused = end(&app, &browser, theirs).await;
        assert_eq!(refused.status(), 404);
        assert_eq!(error_of(refused).await.id, ErrorId::LinkNotFound);
        assert!(app.store.link_state(theirs).await.unwrap().unwrap().revoked_at.is_none(), "theirs stands");

        let ours = links_in(&app, &browser).await.links[0].id;
        assert_eq!(end(&app, &browser, ours).await.status(), 200);
        assert_eq!(error_of(end(&app, &browser, ours).await).await.id, ErrorId::LinkNotFound, "ended once only");
        assert_eq!(ended_by(&app, &tokens).await, Some(RevokedBy::Customer));
    }

    async fn an_app_revoking_its_token_is_recorded_as_the_apps_doing(app) {
        let tokens = linked(&app).await;
        let response = reqwest::Client::new()
            .post(app.url("/oauth/revoke"))
            .basic_auth(RIGHTFUL.0, Some(RIGHTFUL.1))
            .form(&[("token", tokens["refresh_token"].as_str().unwrap())])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(ended_by(&app, &tokens).await, Some(RevokedBy::App));
    }

    async fn a_moved_account_fails_refresh_and_introspection_even_before_the_access_token_is_used(app) {
        let tokens = linked(&app).await;
        assert!(active(&app, &access(&tokens)).await);
        move_yamadas_account(&app).await;
        assert!(!active(&app, &access(&tokens)).await, "introspection asks the core too");
        assert_eq!(refresh(&app, RIGHTFUL, tokens["refresh_token"].as_str().unwrap()).await.0, 400);
        assert_eq!(ended_by(&app, &tokens).await, Some(RevokedBy::AccountMoved));
    }

    async fn after_a_move_the_old_number_is_refused_and_the_new_account_links_normally(app) {
        let moved_away = watanabe_at("011", "111111");
        assert_eq!(app.post_json("/api/flow/account", &moved_away.account).await.status(), 200);
        let old = app.post_json("/api/flow/customer", &moved_away.details).await;
        assert_eq!(error_of(old).await.id, ErrorId::AccountNotHandled, "the FAQ's 011-111111");

        let (browser, verifier) = the_demo_app_asks_for(&app, "balance").await;
        let next =
            passes_screens_one_to_five_as(&app, &browser, &watanabe_at("022", "2222222"), WATANABE_MOBILE, "1357")
                .await;
        assert_eq!(next, Step::Consent);
        let back = answer_consent(&app, &browser, "allow").await;
        let tokens: Value =
            exchange_code(&app, &query_param(&back, "code").unwrap(), &verifier).await.json().await.unwrap();
        let (status, body, _) = read(&app, &access(&tokens), "/api/personal/v1/accounts").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["accounts"][0]["accountId"], "02212222222");
        assert_eq!(body["accounts"][0]["branchCode"], "022");
    }
}

async fn with_the_demo_link(db: crate::support::Db) -> TestApp {
    TestApp::spawn_with(db, |config| config.seed_demo_moved_link = true).await
}

on_both_databases! {
    setup = with_the_demo_link;

    async fn the_demo_datas_link_on_the_moved_account_ends_at_its_next_use(app) {
        use renkei_backend::web::demo_app::moved_link::REFRESH_TOKEN;
        let consent: i64 = sqlx::query_scalar("SELECT consent_id FROM tokens WHERE token_hash = $1")
            .bind(secrets::hash(REFRESH_TOKEN))
            .fetch_one(app.store.pool())
            .await
            .expect("the demo data links the demo app to 011-0111111");
        assert_eq!(app.store.link_state(consent).await.unwrap().unwrap().revoked_at, None, "standing until used");
        let (status, body) = refresh(&app, RIGHTFUL, REFRESH_TOKEN).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
        assert_eq!(app.store.link_state(consent).await.unwrap().unwrap().revoked_by, Some(RevokedBy::AccountMoved));
    }
}
