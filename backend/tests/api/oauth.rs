//! The authorization server end to end: a standard OAuth client library
//! (the `oauth2` crate, unmodified) drives authorization code + PKCE S256
//! against the running server while the customer passes screens ①–⑥; and
//! every rule has its negative test.

use crate::on_both_databases;
use crate::screen_phone::{Customer, YAMADA_MOBILE, e164_of, twilio_call, yamada};
use crate::support::TestApp;
use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    RefreshToken, Scope, TokenResponse, TokenUrl,
};
use renkei_backend::web::demo_app::{CLIENT_ID, CLIENT_SECRET};
use renkei_common::api::{CallInstructions, ConsentView, FlowProgress, PhoneChoice, PinRequest};
use renkei_common::steps::Step;
use time::Duration;

pub(crate) fn redirect_uri(app: &TestApp) -> String {
    format!("{}/demo-app/callback", app.state.public_url)
}

fn http_client() -> oauth2::reqwest::Client {
    oauth2::reqwest::ClientBuilder::new().redirect(oauth2::reqwest::redirect::Policy::none()).build().unwrap()
}

/// Follows one redirect by hand and returns its Location.
pub(crate) fn location(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), 303, "a 303 redirect");
    response.headers()["location"].to_str().unwrap().to_owned()
}

pub(crate) fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// The customer in `browser` goes through ①–⑤ of the flow the app started.
pub(crate) async fn customer_passes_screens_one_to_five(app: &TestApp, browser: &reqwest::Client) {
    let next = passes_screens_one_to_five_as(app, browser, &yamada(), YAMADA_MOBILE, "1234").await;
    assert_eq!(next, Step::Consent);
}

/// `who` goes through ①–⑤ in `browser`, calling from `mobile` and typing
/// `pin`; returns where the flow goes next.
pub(crate) async fn passes_screens_one_to_five_as(
    app: &TestApp,
    browser: &reqwest::Client,
    who: &Customer,
    mobile: &str,
    pin: &str,
) -> Step {
    let post = |path: &str| browser.post(app.url(path));
    assert_eq!(post("/api/flow/account").json(&who.account).send().await.unwrap().status(), 200);
    assert_eq!(post("/api/flow/customer").json(&who.details).send().await.unwrap().status(), 200);
    post("/api/flow/phones").json(&PhoneChoice { index: 0 }).send().await.unwrap();
    let call: CallInstructions = browser.get(app.url("/api/flow/call")).send().await.unwrap().json().await.unwrap();
    twilio_call(app, &format!("CA{}", rand::random::<u32>()), mobile, &e164_of(&call.destination)).await;
    let confirmed: FlowProgress = post("/api/flow/call/confirm").send().await.unwrap().json().await.unwrap();
    assert_eq!(confirmed.step, Step::Pin);
    let pin: FlowProgress =
        post("/api/flow/pin").json(&PinRequest { pin: pin.into() }).send().await.unwrap().json().await.unwrap();
    pin.step
}

/// ⑥ answered; returns where the browser is sent.
pub(crate) async fn answer_consent(app: &TestApp, browser: &reqwest::Client, decision: &str) -> String {
    let response = browser.post(app.url("/api/flow/consent")).form(&[("decision", decision)]).send().await.unwrap();
    location(&response)
}

pub(crate) struct Started {
    pub(crate) browser: reqwest::Client,
    pub(crate) verifier: PkceCodeVerifier,
    pub(crate) state: CsrfToken,
}

/// The app (the oauth2 crate) builds the authorization URL; the customer's
/// browser opens it and is sent to screen ①.
pub(crate) async fn app_starts(app: &TestApp) -> Started {
    let client = oauth_client(app);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state) = client
        .authorize_url(CsrfToken::new_random)
        .add_scope(Scope::new("balance".into()))
        .add_scope(Scope::new("transactions".into()))
        .set_pkce_challenge(challenge)
        .url();
    let browser = another_browser_without_redirects();
    let to = location(&browser.get(url.as_str()).send().await.unwrap());
    assert_eq!(to, "/auth/account");
    Started { browser, verifier, state }
}

pub(crate) fn another_browser_without_redirects() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

fn oauth_client(
    app: &TestApp,
) -> oauth2::Client<
    oauth2::basic::BasicErrorResponse,
    oauth2::basic::BasicTokenResponse,
    oauth2::basic::BasicTokenIntrospectionResponse,
    oauth2::StandardRevocableToken,
    oauth2::basic::BasicRevocationErrorResponse,
    oauth2::EndpointSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
> {
    BasicClient::new(ClientId::new(CLIENT_ID.into()))
        .set_client_secret(ClientSecret::new(CLIENT_SECRET.into()))
        .set_auth_uri(AuthUrl::new(app.url("/oauth/authorize")).unwrap())
        .set_token_uri(TokenUrl::new(app.url("/oauth/token")).unwrap())
        .set_redirect_uri(RedirectUrl::new(redirect_uri(app)).unwrap())
}

async fn raw_token_request(app: &TestApp, form: &[(&str, &str)], secret: &str) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(app.url("/oauth/token"))
        .basic_auth(CLIENT_ID, Some(secret))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

/// The demo app exchanges `code` at the token endpoint (HTTP Basic, PKCE).
pub(crate) async fn exchange_code(app: &TestApp, code: &str, verifier: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/oauth/token"))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri(app).as_str()),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap()
}

/// Everything up to a fresh code in the app's hands.
pub(crate) async fn code_for(app: &TestApp) -> (String, PkceCodeVerifier) {
    let started = app_starts(app).await;
    customer_passes_screens_one_to_five(app, &started.browser).await;
    let back = answer_consent(app, &started.browser, "allow").await;
    assert_eq!(query_param(&back, "state").as_deref(), Some(started.state.secret().as_str()));
    (query_param(&back, "code").expect("a code"), started.verifier)
}

on_both_databases! {
    async fn a_standard_client_library_completes_the_code_flow_and_refreshes(app) {
        let client = oauth_client(&app);
        let started = app_starts(&app).await;
        customer_passes_screens_one_to_five(&app, &started.browser).await;
        let asked: ConsentView =
            started.browser.get(app.url("/api/flow/consent")).send().await.unwrap().json().await.unwrap();
        assert_eq!(asked.app_name, "しんくみ家計簿（デモアプリ）");
        assert_eq!(asked.data, ["残高照会", "入出金明細照会（約3か月分）"]);
        assert_eq!(asked.account, "本店営業部 普通 ****567");
        // 2026-11-26 10:00 JST and 90 days: the last day is 2027-02-24.
        assert_eq!((asked.days, asked.until.as_str()), (90, "2027年2月24日"));
        let back = answer_consent(&app, &started.browser, "allow").await;
        assert!(back.starts_with(&redirect_uri(&app)), "{back}");
        assert_eq!(query_param(&back, "iss").as_deref(), Some(&*app.state.public_url), "RFC 9207 iss");
        assert_eq!(query_param(&back, "state").as_deref(), Some(started.state.secret().as_str()));
        let code = query_param(&back, "code").unwrap();

        let http = http_client();
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(started.verifier)
            .request_async(&http)
            .await
            .expect("the token exchange succeeds");
        assert_eq!(tokens.expires_in(), Some(std::time::Duration::from_secs(600)));
        let scopes: Vec<_> = tokens.scopes().unwrap().iter().map(|s| s.to_string()).collect();
        assert_eq!(scopes, ["balance", "transactions"]);
        let hash = renkei_backend::secrets::hash(tokens.access_token().secret());
        assert!(app.store.access_token_live(&hash, app.clock_now()).await.unwrap(), "stored by hash");

        let first_refresh = tokens.refresh_token().unwrap().clone();
        let refreshed = client.exchange_refresh_token(&first_refresh).request_async(&http).await.expect("refresh");
        assert_ne!(refreshed.access_token().secret(), tokens.access_token().secret());
        let second = refreshed.refresh_token().unwrap().clone();
        let third = client.exchange_refresh_token(&second).request_async(&http).await.expect("refresh again");
        let reused = client.exchange_refresh_token(&first_refresh).request_async(&http).await;
        assert!(reused.is_err(), "a rotated refresh token works once");
        // …and used again it ends the grant (RFC 9700 §4.14.2).
        let latest = third.refresh_token().unwrap();
        assert!(client.exchange_refresh_token(latest).request_async(&http).await.is_err());
    }

    async fn deny_sends_access_denied_back_to_the_app(app) {
        let started = app_starts(&app).await;
        customer_passes_screens_one_to_five(&app, &started.browser).await;
        let back = answer_consent(&app, &started.browser, "deny").await;
        assert_eq!(query_param(&back, "error").as_deref(), Some("access_denied"));
        assert_eq!(query_param(&back, "state").as_deref(), Some(started.state.secret().as_str()));
        assert!(query_param(&back, "code").is_none());
        let again = answer_consent(&app, &started.browser, "allow").await;
        assert!(again.starts_with("/auth/ended"), "the flow is over: {again}");
    }

    async fn a_replayed_code_is_refused_and_revokes_what_it_issued(app) {
        let (code, verifier) = code_for(&app).await;
        let redirect = redirect_uri(&app);
        let form = [("grant_type", "authorization_code"), ("code", code.as_str()), ("redirect_uri", &redirect), ("code_verifier", verifier.secret())];
        let (status, first) = raw_token_request(&app, &form, CLIENT_SECRET).await;
        assert_eq!(status, 200);
        let (status, replay) = raw_token_request(&app, &form, CLIENT_SECRET).await;
        assert_eq!((status, replay["error"].as_str()), (400, Some("invalid_grant")));
        let access = renkei_backend::secrets::hash(first["access_token"].as_str().unwrap());
        assert!(!app.store.access_token_live(&access, app.clock_now()).await.unwrap(), "revoked by the replay");
        let refresh = first["refresh_token"].as_str().unwrap();
        let (status, _) = raw_token_request(&app, &[("grant_type", "refresh_token"), ("refresh_token", refresh)], CLIENT_SECRET).await;
        assert_eq!(status, 400, "refresh after revocation");
    }

    async fn a_code_expires_after_sixty_seconds(app) {
        let (code, verifier) = code_for(&app).await;
        app.clock.advance(Duration::seconds(61));
        let redirect = redirect_uri(&app);
        let form = [("grant_type", "authorization_code"), ("code", code.as_str()), ("redirect_uri", &redirect), ("code_verifier", verifier.secret())];
        let (status, body) = raw_token_request(&app, &form, CLIENT_SECRET).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
    }

    async fn a_wrong_verifier_redirect_or_secret_is_refused(app) {
        let (code, _) = code_for(&app).await;
        let redirect = redirect_uri(&app);
        let wrong_verifier = PkceCodeVerifier::new("a".repeat(43));
        let form = [("grant_type", "authorization_code"), ("code", code.as_str()), ("redirect_uri", &redirect), ("code_verifier", wrong_verifier.secret())];
        assert_eq!(raw_token_request(&app, &form, CLIENT_SECRET).await.1["error"], "invalid_grant");

        let (code, verifier) = code_for(&app).await;
        let elsewhere = format!("{redirect}/other");
        let form = [("grant_type", "authorization_code"), ("code", code.as_str()), ("redirect_uri", &elsewhere), ("code_verifier", verifier.secret())];
        assert_eq!(raw_token_request(&app, &form, CLIENT_SECRET).await.1["error"], "invalid_grant");

        let (status, body) = raw_token_request(&app, &[("grant_type", "authorization_code")], "not-the-secret").await;
        assert_eq!((status, body["error"].as_str()), (401, Some("invalid_client")));
        let (status, body) = raw_token_request(&app, &[("grant_type", "password")], CLIENT_SECRET).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("unsupported_grant_type")));
    }

    async fn requests_without_s256_pkce_go_back_to_the_app_with_invalid_request(app) {
        let redirect = redirect_uri(&app);
        let base = [("response_type", "code"), ("client_id", CLIENT_ID), ("redirect_uri", redirect.as_str()), ("scope", "balance"), ("state", "s1")];
        for extra in [vec![], vec![("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), ("code_challenge_method", "plain")]] {
            let mut params: Vec<(&str, &str)> = base.to_vec();
            params.extend(extra);
            let url = renkei_backend::domain::oauth::request::redirect_with(&app.url("/oauth/authorize"), &params);
            let back = location(&another_browser_without_redirects().get(url).send().await.unwrap());
            assert!(back.starts_with(&redirect));
            assert_eq!(query_param(&back, "error").as_deref(), Some("invalid_request"));
            assert_eq!(query_param(&back, "state").as_deref(), Some("s1"));
        }
    }

    async fn an_unregistered_redirect_uri_is_never_redirected_to(app) {
        let params = [
            ("response_type", "code"), ("client_id", CLIENT_ID), ("redirect_uri", "https://evil.example/cb"),
            ("scope", "balance"), ("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), ("code_challenge_method", "S256"),
        ];
        let url = renkei_backend::domain::oauth::request::redirect_with(&app.url("/oauth/authorize"), &params);
        let to = location(&another_browser_without_redirects().get(url).send().await.unwrap());
        assert_eq!(to, "/auth/ended?error=invalid_app_request");
        let unknown = app.url("/oauth/authorize?client_id=nobody&redirect_uri=https://evil.example/cb");
        assert_eq!(location(&another_browser_without_redirects().get(unknown).send().await.unwrap()), "/auth/ended?error=invalid_app_request");
    }

    async fn a_pushed_request_uri_works_once_and_not_after_it_expires(app) {
        let redirect = redirect_uri(&app);
        let push = || async {
            let response = reqwest::Client::new()
                .post(app.url("/oauth/par"))
                .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
                .form(&[
                    ("response_type", "code"), ("client_id", CLIENT_ID), ("redirect_uri", redirect.as_str()),
                    ("scope", "balance"), ("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"), ("code_challenge_method", "S256"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 201);
            let body: serde_json::Value = response.json().await.unwrap();
            assert!(body["expires_in"].as_i64().unwrap() < 600);
            body["request_uri"].as_str().unwrap().to_owned()
        };
        let authorize = |request_uri: String| {
            renkei_backend::domain::oauth::request::redirect_with(&app.url("/oauth/authorize"), &[("client_id", CLIENT_ID), ("request_uri", &request_uri)])
        };
        let request_uri = push().await;
        assert!(request_uri.starts_with("urn:ietf:params:oauth:request_uri:"));
        let (first, second) = (another_browser_without_redirects(), another_browser_without_redirects());
        assert_eq!(location(&first.get(authorize(request_uri.clone())).send().await.unwrap()), "/auth/account");
        // Before the customer answers, the same request_uri still works (a
        // reload, a second tab: PAR-REUSE-EARLY)…
        assert_eq!(location(&second.get(authorize(request_uri.clone())).send().await.unwrap()), "/auth/account");
        customer_passes_screens_one_to_five(&app, &first).await;
        let back = answer_consent(&app, &first, "allow").await;
        assert!(query_param(&back, "code").is_some());
        // …after it, it is spent (PAR-REUSE), and the other tab cannot
        // answer too.
        let reused = location(&another_browser_without_redirects().get(authorize(request_uri)).send().await.unwrap());
        assert_eq!(reused, "/auth/ended?error=invalid_app_request", "par_reuse");
        customer_passes_screens_one_to_five(&app, &second).await;
        assert_eq!(answer_consent(&app, &second, "allow").await, "/auth/ended?error=invalid_app_request");
        let late = push().await;
        app.clock.advance(Duration::seconds(91));
        let expired = location(&another_browser_without_redirects().get(authorize(late)).send().await.unwrap());
        assert_eq!(expired, "/auth/ended?error=invalid_app_request", "par_expired");
        let unauthenticated = reqwest::Client::new().post(app.url("/oauth/par")).form(&[("client_id", CLIENT_ID)]).send().await.unwrap();
        assert_eq!(unauthenticated.status(), 401);
    }

    async fn introspection_reports_live_tokens_and_revocation_ends_the_link(app) {
        let (code, verifier) = code_for(&app).await;
        let redirect = redirect_uri(&app);
        let form = [("grant_type", "authorization_code"), ("code", code.as_str()), ("redirect_uri", &redirect), ("code_verifier", verifier.secret())];
        let (_, tokens) = raw_token_request(&app, &form, CLIENT_SECRET).await;
        let access = tokens["access_token"].as_str().unwrap().to_owned();
        let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
        let call = |path: &'static str, token: String, secret: &'static str| {
            let url = app.url(path);
            async move {
                let response = reqwest::Client::new().post(url).basic_auth(CLIENT_ID, Some(secret)).form(&[("token", token)]).send().await.unwrap();
                (response.status().as_u16(), response.text().await.unwrap())
            }
        };
        let (status, body) = call("/oauth/introspect", access.clone(), CLIENT_SECRET).await;
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(status, 200);
        assert_eq!(body["active"], true);
        assert_eq!(body["scope"], "balance transactions");
        assert_eq!(body["client_id"], CLIENT_ID);
        let (_, unknown) = call("/oauth/introspect", "no-such-token".into(), CLIENT_SECRET).await;
        assert_eq!(serde_json::from_str::<serde_json::Value>(&unknown).unwrap(), serde_json::json!({"active": false}));
        assert_eq!(call("/oauth/introspect", access.clone(), "wrong-secret").await.0, 401);

        assert_eq!(call("/oauth/revoke", refresh.clone(), CLIENT_SECRET).await.0, 200);
        let (_, after) = call("/oauth/introspect", access, CLIENT_SECRET).await;
        assert_eq!(serde_json::from_str::<serde_json::Value>(&after).unwrap()["active"], false, "the whole grant ends");
        let (status, body) = raw_token_request(&app, &[("grant_type", "refresh_token"), ("refresh_token", &refresh)], CLIENT_SECRET).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "refresh after revocation");
        assert_eq!(call("/oauth/revoke", "unknown".into(), CLIENT_SECRET).await.0, 200, "RFC 7009: unknown is fine");
    }

    async fn two_answers_at_once_issue_one_code(app) {
        let started = app_starts(&app).await;
        customer_passes_screens_one_to_five(&app, &started.browser).await;
        let (a, b) = tokio::join!(
            answer_consent(&app, &started.browser, "allow"),
            answer_consent(&app, &started.browser, "allow")
        );
        let codes = [&a, &b].iter().filter(|to| query_param(to, "code").is_some()).count();
        assert_eq!(codes, 1, "{a} / {b}");
        assert_eq!(app.store.outbox().await.unwrap().len(), 1, "one notice");
    }

    async fn discovery_describes_what_is_supported(app) {
        let doc: serde_json::Value = app.get("/.well-known/oauth-authorization-server").await.json().await.unwrap();
        assert_eq!(doc["issuer"].as_str(), Some(&*app.state.public_url));
        assert_eq!(doc["code_challenge_methods_supported"], serde_json::json!(["S256"]));
        assert_eq!(doc["response_types_supported"], serde_json::json!(["code"]));
        assert_eq!(doc["authorization_response_iss_parameter_supported"], true);
        assert!(doc["pushed_authorization_request_endpoint"].as_str().unwrap().ends_with("/oauth/par"));
    }
}

#[test]
fn refresh_token_type_is_the_librarys() {
    // Keeps the import honest: the library's own types carry our tokens.
    let token = RefreshToken::new("x".into());
    assert_eq!(token.secret(), "x");
}
