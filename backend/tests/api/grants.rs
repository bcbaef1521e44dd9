//! What a grant survives and what ends it: a code is spent only by its own
//! app with everything right (RFC 9700 §4.5), a rotated refresh token used
//! again ends the whole grant (§4.14.2), issuing is one transaction with
//! what it spends, and linking the same app to the same account again
//! replaces the earlier link.

use crate::fapi::{self, APP, OTHER_APP, assertion_with, code_via_par, ec, proof, token_form};
use crate::keys::{DPOP_KEY_A, DPOP_KEY_B, OTHER_CLIENT_KEY};
use crate::oauth::{code_for, redirect_uri};
use crate::on_both_databases;
use crate::support::TestApp;
use jsonwebtoken::Algorithm;
use renkei_backend::domain::oauth::client_auth::JWT_BEARER;
use renkei_backend::secrets;
use renkei_backend::store::Backend;
use renkei_backend::store::clients::{AuthMethod, Client, ClientProfile};
use renkei_backend::web::demo_app::{CLIENT_ID, CLIENT_SECRET};
use serde_json::Value;
use sqlx::Connection;

/// Another registered app, with the same redirect URI as the demo app's:
/// the worst case of an app that saw someone else's code.
const INTRUDER: (&str, &str) = ("intruding-app", "intruding-app-secret");
pub(crate) const RIGHTFUL: (&str, &str) = (CLIENT_ID, CLIENT_SECRET);

async fn register_intruder(app: &TestApp) {
    let client = Client {
        client_id: INTRUDER.0.into(),
        name: "別のアプリ".into(),
        profile: ClientProfile::Baseline,
        auth_method: AuthMethod::ClientSecretBasic,
        secret_hash: Some(secrets::hash(INTRUDER.1)),
        redirect_uris: vec![redirect_uri(app)],
        scopes: vec!["balance".into(), "transactions".into()],
    };
    app.store.upsert_client(&client).await.unwrap();
}

/// A call to `path` as `client` (client_secret_basic): status and body.
pub(crate) async fn call_as(app: &TestApp, client: (&str, &str), path: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(app.url(path))
        .basic_auth(client.0, Some(client.1))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

/// A code redeemed by its own app: the grant's first token response.
pub(crate) async fn tokens_for(app: &TestApp) -> Value {
    let (code, verifier) = code_for(app).await;
    let redirect = redirect_uri(app);
    let (status, tokens) =
        call_as(app, RIGHTFUL, "/oauth/token", &code_form(&code, &redirect, verifier.secret())).await;
    assert_eq!(status, 200, "{tokens}");
    tokens
}

fn token<'a>(response: &'a Value, name: &str) -> &'a str {
    response[name].as_str().unwrap_or_else(|| panic!("no {name} in {response}"))
}

pub(crate) async fn refresh(app: &TestApp, client: (&str, &str), refresh_token: &str) -> (u16, Value) {
    call_as(app, client, "/oauth/token", &[("grant_type", "refresh_token"), ("refresh_token", refresh_token)]).await
}

/// Whether introspection by the demo app calls `token` active.
pub(crate) async fn active(app: &TestApp, token: &str) -> bool {
    let (status, body) = call_as(app, RIGHTFUL, "/oauth/introspect", &[("token", token)]).await;
    assert_eq!(status, 200, "{body}");
    body["active"].as_bool().unwrap()
}

/// Consents (links) that have not been revoked.
async fn unrevoked_consents(app: &TestApp) -> i64 {
    let mut db = sqlx::AnyConnection::connect(&app.database_url).await.unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM consents WHERE revoked_at IS NULL").fetch_one(&mut db).await.unwrap()
}

/// Makes every insert into `tokens` fail under the running server (a
/// failure halfway through issuing), until `accept_new_tokens`.
async fn refuse_new_tokens(app: &TestApp, db: &mut sqlx::AnyConnection) {
    let statements: &[&str] = match app.store.backend() {
        Backend::Sqlite => &["CREATE TRIGGER refuse_new_tokens BEFORE INSERT ON tokens
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION refuse_new_tokens() RETURNS trigger LANGUAGE plpgsql
             AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
            "CREATE TRIGGER refuse_new_tokens BEFORE INSERT ON tokens
             FOR EACH ROW EXECUTE FUNCTION refuse_new_tokens()",
        ],
    };
    for statement in statements {
        sqlx::raw_sql(statement).execute(&mut *db).await.unwrap();
    }
}

async fn accept_new_tokens(app: &TestApp, db: &mut sqlx::AnyConnection) {
    let statement = match app.store.backend() {
        Backend::Sqlite => "DROP TRIGGER refuse_new_tokens",
        Backend::Postgres => "DROP TRIGGER refuse_new_tokens ON tokens",
    };
    sqlx::raw_sql(statement).execute(&mut *db).await.unwrap();
}

async fn stored_tokens(db: &mut sqlx::AnyConnection) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM tokens").fetch_one(db).await.unwrap()
}

/// The code grant's form, with the app's own verifier unless told otherwise.
fn code_form<'a>(code: &'a str, redirect: &'a str, verifier: &'a str) -> [(&'static str, &'a str); 4] {
    [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("code_verifier", verifier)]
}

on_both_databases! {
    async fn a_code_tried_by_another_app_or_with_anything_wrong_stays_usable_by_its_own_app(app) {
        register_intruder(&app).await;
        let (code, verifier) = code_for(&app).await;
        let redirect = redirect_uri(&app);
        let right = code_form(&code, &redirect, verifier.secret());
        let (status, body) = call_as(&app, INTRUDER, "/oauth/token", &right).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "another app: {body}");
        let wrong_verifier = "a".repeat(43);
        let (status, _) = call_as(&app, RIGHTFUL, "/oauth/token", &code_form(&code, &redirect, &wrong_verifier)).await;
        assert_eq!(status, 400, "a wrong verifier");
        let elsewhere = format!("{redirect}/other");
        let (status, _) =
            call_as(&app, RIGHTFUL, "/oauth/token", &code_form(&code, &elsewhere, verifier.secret())).await;
        assert_eq!(status, 400, "another redirect_uri");
        // None of that spent the code: its own app redeems it.
        let (status, tokens) = call_as(&app, RIGHTFUL, "/oauth/token", &right).await;
        assert_eq!(status, 200, "{tokens}");
        let access = secrets::hash(tokens["access_token"].as_str().unwrap());
        assert!(app.store.access_token_live(&access, app.clock_now()).await.unwrap());
    }

    async fn a_fapi_code_tried_by_another_app_or_another_dpop_key_stays_usable_by_its_own_app(app) {
        let app = fapi::fapi_app_from(app).await;
        let code = code_via_par(&app, Some(proof(&app, DPOP_KEY_A, "/oauth/par")), &[]).await;
        let mut by_other = token_form(&app, &code);
        by_other[5].1 = assertion_with(&app, OTHER_APP, &ec(OTHER_CLIENT_KEY), Algorithm::ES256, |_| {});
        let (status, body, _) = fapi::post_form(&app, "/oauth/token", &by_other, Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!((status, fapi::error_of(&body)), (400, "invalid_grant"), "another app");
        let (status, _, _) = fapi::post_form(&app, "/oauth/token", &token_form(&app, &code), Some(proof(&app, DPOP_KEY_B, "/oauth/token"))).await;
        assert_eq!(status, 400, "another DPoP key");
        let (status, _, _) = fapi::post_form(&app, "/oauth/token", &token_form(&app, &code), None).await;
        assert_eq!(status, 400, "no DPoP proof");
        let (status, tokens, _) = fapi::post_form(&app, "/oauth/token", &token_form(&app, &code), Some(proof(&app, DPOP_KEY_A, "/oauth/token"))).await;
        assert_eq!((status, tokens["token_type"].as_str()), (200, Some("DPoP")), "{APP}'s own request: {tokens}");
    }

    async fn two_redemptions_of_one_code_at_once_succeed_once(app) {
        let (code, verifier) = code_for(&app).await;
        let redirect = redirect_uri(&app);
        let form = code_form(&code, &redirect, verifier.secret());
        let (a, b) = tokio::join!(call_as(&app, RIGHTFUL, "/oauth/token", &form), call_as(&app, RIGHTFUL, "/oauth/token", &form));
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(statuses, [200, 400], "{a:?} / {b:?}");
    }
}

on_both_databases! {
    async fn a_rotated_refresh_token_used_again_ends_the_whole_grant(app) {
        register_intruder(&app).await;
        let first = tokens_for(&app).await;
        let (status, second) = refresh(&app, RIGHTFUL, token(&first, "refresh_token")).await;
        assert_eq!(status, 200, "{second}");
        // Another app presenting the used token changes nothing.
        let (status, body) = refresh(&app, INTRUDER, token(&first, "refresh_token")).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
        assert!(active(&app, token(&second, "access_token")).await, "another app cannot end the link");
        // Its own app's used token again: two parties hold the grant, and we
        // cannot tell which is the app. Both lose it (RFC 9700 §4.14.2).
        let (status, body) = refresh(&app, RIGHTFUL, token(&first, "refresh_token")).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "{body}");
        for (which, name) in [(&first, "access_token"), (&second, "access_token"), (&second, "refresh_token")] {
            assert!(!active(&app, token(which, name)).await, "{name} still active");
        }
        let (status, body) = refresh(&app, RIGHTFUL, token(&second, "refresh_token")).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "the new pair is gone too");
        assert_eq!(unrevoked_consents(&app).await, 0, "the customer's link has ended");
    }
}

on_both_databases! {
    async fn a_failure_while_issuing_from_a_code_spends_nothing_and_the_app_can_try_again(app) {
        let (code, verifier) = code_for(&app).await;
        let redirect = redirect_uri(&app);
        let form = code_form(&code, &redirect, verifier.secret());
        let mut db = sqlx::AnyConnection::connect(&app.database_url).await.unwrap();
        refuse_new_tokens(&app, &mut db).await;
        let (status, body) = call_as(&app, RIGHTFUL, "/oauth/token", &form).await;
        assert_eq!((status, body["error"].as_str()), (500, Some("server_error")), "{body}");
        accept_new_tokens(&app, &mut db).await;
        assert_eq!(stored_tokens(&mut db).await, 0);
        // The code was not spent: the app's retry gets the tokens.
        let (status, tokens) = call_as(&app, RIGHTFUL, "/oauth/token", &form).await;
        assert_eq!(status, 200, "{tokens}");
        assert!(active(&app, token(&tokens, "access_token")).await);
        assert_eq!(stored_tokens(&mut db).await, 2);
    }

    async fn a_failure_while_refreshing_spends_nothing_and_the_app_can_try_again(app) {
        let first = tokens_for(&app).await;
        let mut db = sqlx::AnyConnection::connect(&app.database_url).await.unwrap();
        refuse_new_tokens(&app, &mut db).await;
        let (status, body) = refresh(&app, RIGHTFUL, token(&first, "refresh_token")).await;
        assert_eq!((status, body["error"].as_str()), (500, Some("server_error")), "{body}");
        accept_new_tokens(&app, &mut db).await;
        assert!(active(&app, token(&first, "refresh_token")).await, "not rotated");
        let (status, second) = refresh(&app, RIGHTFUL, token(&first, "refresh_token")).await;
        assert_eq!(status, 200, "the retry refreshes: {second}");
        assert!(active(&app, token(&second, "access_token")).await);
        assert!(active(&app, token(&first, "access_token")).await, "a retry is not a reuse: the grant stands");
        assert_eq!(stored_tokens(&mut db).await, 4);
    }
}

on_both_databases! {
    async fn linking_the_same_app_to_the_same_account_again_replaces_the_earlier_link(app) {
        let app = fapi::fapi_app_from(app).await;
        // Another app's link to the same account.
        let fapi_code = code_via_par(&app, Some(proof(&app, DPOP_KEY_A, "/oauth/par")), &[]).await;
        let fapi_dpop = Some(proof(&app, DPOP_KEY_A, "/oauth/token"));
        let (status, other_apps, _) = fapi::post_form(&app, "/oauth/token", &token_form(&app, &fapi_code), fapi_dpop).await;
        assert_eq!(status, 200, "{other_apps}");

        let first = tokens_for(&app).await;
        // The customer links the demo app again (its code not redeemed yet)…
        let (pending, pending_verifier) = code_for(&app).await;
        assert!(!active(&app, token(&first, "access_token")).await, "the earlier link's access token");
        assert!(!active(&app, token(&first, "refresh_token")).await, "the earlier link's refresh token");
        let (status, body) = refresh(&app, RIGHTFUL, token(&first, "refresh_token")).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
        // …and once more, before the app redeemed that code: it is refused.
        let second = tokens_for(&app).await;
        let redirect = redirect_uri(&app);
        let (status, body) =
            call_as(&app, RIGHTFUL, "/oauth/token", &code_form(&pending, &redirect, pending_verifier.secret())).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "{body}");
        // The latest link works.
        assert!(active(&app, token(&second, "access_token")).await);
        let (status, body) = refresh(&app, RIGHTFUL, token(&second, "refresh_token")).await;
        assert_eq!(status, 200, "{body}");
        // One live link per app and account: the other app's stands.
        let form = vec![
            ("token", token(&other_apps, "access_token").to_owned()),
            ("client_assertion_type", JWT_BEARER.to_owned()),
            ("client_assertion", fapi::assertion(&app)),
        ];
        let (_, introspected, _) = fapi::post_form(&app, "/oauth/introspect", &form, None).await;
        assert_eq!(introspected["active"], true, "{introspected}");
        assert_eq!(unrevoked_consents(&app).await, 2);
    }
}
