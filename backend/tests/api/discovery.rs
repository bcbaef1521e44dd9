//! Discovery (RFC 8414): the served document against every MUST and
//! REQUIRED of §2 and §3, and against what the server actually does. No
//! client library of ours does discovery (the `oauth2` crate does not), so
//! the test reads the JSON as such a library would.

use crate::fapi::{self, APP};
use crate::oauth::{another_browser_without_redirects, location, query_param, redirect_uri};
use crate::on_both_databases;
use crate::support::TestApp;
use renkei_backend::domain::oauth::client_auth::JWT_BEARER;
use renkei_backend::web::demo_app::{CLIENT_ID, CLIENT_SECRET};
use reqwest::Url;
use serde_json::{Map, Value};

const WELL_KNOWN: &str = "/.well-known/oauth-authorization-server";

/// RFC 8414 §3: the well-known suffix goes between the issuer's host and
/// its path.
fn well_known_of(issuer: &Url) -> String {
    let path = issuer.path().trim_end_matches('/');
    format!("{}{WELL_KNOWN}{path}", issuer.origin().ascii_serialization())
}

/// An endpoint's or the issuer's URL: https, or this test server's own
/// plain-HTTP address; never a fragment (RFC 6749 §3.1, §3.2).
fn url_of(app: &TestApp, doc: &Map<String, Value>, member: &str) -> Url {
    let text = doc.get(member).and_then(Value::as_str).unwrap_or_else(|| panic!("{member} missing or not a string"));
    let url = Url::parse(text).unwrap_or_else(|e| panic!("{member} is not a URL: {e}"));
    let ours = url.origin().ascii_serialization() == app.address;
    assert!(url.scheme() == "https" || ours, "{member} is neither https nor this server: {text}");
    assert!(url.fragment().is_none(), "{member} has a fragment");
    url
}

fn strings<'a>(doc: &'a Map<String, Value>, member: &str) -> Vec<&'a str> {
    let Some(value) = doc.get(member) else { return Vec::new() };
    let list = value.as_array().unwrap_or_else(|| panic!("{member} is not a JSON array"));
    list.iter().map(|v| v.as_str().unwrap_or_else(|| panic!("{member} holds a non-string: {v}"))).collect()
}

on_both_databases! {
    async fn the_served_document_meets_every_must_of_rfc_8414(app) {
        let fetched_at = app.url(WELL_KNOWN);
        let response = app.client.get(&fetched_at).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(content_type.starts_with("application/json"), "§3.2: {content_type}");
        let doc: Value = response.json().await.unwrap();
        let doc = doc.as_object().expect("§3.2: a JSON object");

        // §2 issuer: REQUIRED, https, no query or fragment; §3.3: identical
        // to the issuer the well-known URL was formed from.
        let issuer = url_of(&app, doc, "issuer");
        assert!(issuer.query().is_none(), "the issuer has a query");
        assert_eq!(well_known_of(&issuer), fetched_at, "§3.3: fetched under another issuer");
        assert_eq!(doc["issuer"].as_str(), Some(&*app.state.public_url));

        // The code grant is supported, so both endpoints are REQUIRED;
        // response_types_supported is REQUIRED.
        for endpoint in ["authorization_endpoint", "token_endpoint"] {
            url_of(&app, doc, endpoint);
        }
        assert!(!strings(doc, "response_types_supported").is_empty(), "response_types_supported is REQUIRED");
        for endpoint in ["jwks_uri", "registration_endpoint", "service_documentation", "op_policy_uri", "op_tos_uri",
                         "revocation_endpoint", "introspection_endpoint", "pushed_authorization_request_endpoint"] {
            if doc.contains_key(endpoint) {
                url_of(&app, doc, endpoint);
            }
        }

        // §2: an endpoint's client-authentication methods that sign JWTs
        // REQUIRE its signing algorithms, and "none" MUST NOT be one.
        for endpoint in ["token_endpoint", "revocation_endpoint", "introspection_endpoint"] {
            let methods = strings(doc, &format!("{endpoint}_auth_methods_supported"));
            let algs_member = format!("{endpoint}_auth_signing_alg_values_supported");
            if methods.iter().any(|m| ["private_key_jwt", "client_secret_jwt"].contains(m)) {
                assert!(doc.contains_key(&algs_member), "{algs_member} is REQUIRED with {methods:?}");
            }
            if !methods.is_empty() && endpoint != "token_endpoint" {
                assert!(doc.contains_key(endpoint), "{endpoint} missing while its methods are listed");
            }
            assert!(!strings(doc, &algs_member).contains(&"none"), "{algs_member} lists none");
        }

        // §2: multiple values are JSON arrays, and empty ones are omitted.
        for (member, value) in doc {
            if member.ends_with("_supported") && !value.is_boolean() {
                assert!(!strings(doc, member).is_empty(), "{member} is empty and must be omitted");
            }
        }
        for flag in ["require_pushed_authorization_requests", "authorization_response_iss_parameter_supported"] {
            assert!(doc.get(flag).is_none_or(Value::is_boolean), "{flag} is not a boolean");
        }
    }

    async fn the_document_says_what_the_server_does(app) {
        let app = fapi::fapi_app_from(app).await;
        let doc: Value = app.get(WELL_KNOWN).await.json().await.unwrap();
        let doc = doc.as_object().unwrap();
        let endpoint = |member: &str| doc[member].as_str().unwrap().to_owned();
        assert_eq!(strings(doc, "response_types_supported"), ["code"]);
        assert_eq!(strings(doc, "response_modes_supported"), ["query"]);
        assert_eq!(strings(doc, "code_challenge_methods_supported"), ["S256"]);
        assert_eq!(strings(doc, "grant_types_supported"), ["authorization_code", "refresh_token"]);
        assert_eq!(doc["authorization_response_iss_parameter_supported"], true);
        assert_eq!(doc["require_pushed_authorization_requests"], false, "the baseline client authorizes without PAR");

        // Every endpoint answers where the document says: the authorization
        // endpoint sends a browser on, the back-channel ones want a client.
        let browser = another_browser_without_redirects();
        let refused = location(&browser.get(endpoint("authorization_endpoint")).send().await.unwrap());
        assert_eq!(refused, "/auth/ended?error=invalid_app_request");
        for member in ["token_endpoint", "pushed_authorization_request_endpoint", "revocation_endpoint", "introspection_endpoint"] {
            let answer = reqwest::Client::new().post(endpoint(member)).form(&[("token", "x")]).send().await.unwrap();
            assert_eq!(answer.status(), 401, "{member}: client authentication required");
        }

        // Each listed authentication method works at each endpoint that
        // lists it; the signing algorithms are the same checks everywhere.
        let algs = strings(doc, "token_endpoint_auth_signing_alg_values_supported");
        assert!(algs.contains(&"ES256"), "the test's keys are ES256: {algs:?}");
        for endpoint_name in ["token_endpoint", "revocation_endpoint", "introspection_endpoint"] {
            assert_eq!(strings(doc, &format!("{endpoint_name}_auth_signing_alg_values_supported")), algs);
            assert!(!algs.iter().any(|a| a.starts_with("HS") || *a == "RS256"), "FAPI 2.0: asymmetric, no RS256");
            for method in strings(doc, &format!("{endpoint_name}_auth_methods_supported")) {
                let form = [("grant_type", "client_credentials"), ("token", "unknown")];
                let request = reqwest::Client::new().post(endpoint(endpoint_name));
                let request = match method {
                    "client_secret_basic" => request.basic_auth(CLIENT_ID, Some(CLIENT_SECRET)).form(&form),
                    "private_key_jwt" => {
                        let assertion = fapi::assertion(&app);
                        let mut form: Vec<(&str, &str)> = form.to_vec();
                        form.extend([("client_assertion_type", JWT_BEARER), ("client_assertion", &assertion)]);
                        request.form(&form)
                    }
                    other => panic!("{endpoint_name} lists {other}, which this test does not know"),
                };
                let status = request.send().await.unwrap().status().as_u16();
                // Authenticated: the token endpoint refuses the grant type
                // (400), revocation and introspection answer (200).
                let expected = if endpoint_name == "token_endpoint" { 400 } else { 200 };
                assert_eq!(status, expected, "{method} at {endpoint_name}");
            }
        }
        assert_eq!(strings(doc, "dpop_signing_alg_values_supported"), algs);

        // A grant type that is not listed is refused as such.
        let (status, body) = crate::grants::call_as(&app, (CLIENT_ID, CLIENT_SECRET), "/oauth/token", &[("grant_type", "client_credentials")]).await;
        assert_eq!((status, body["error"].as_str()), (400, Some("unsupported_grant_type")));
        // A response type that is not listed goes back to the app as such.
        let params = [("response_type", "token"), ("client_id", CLIENT_ID), ("redirect_uri", &redirect_uri(&app)),
                      ("scope", "balance"), ("state", "s"), ("code_challenge", fapi::CHALLENGE), ("code_challenge_method", "S256")];
        let url = renkei_backend::domain::oauth::request::redirect_with(&endpoint("authorization_endpoint"), &params);
        let back = location(&another_browser_without_redirects().get(url).send().await.unwrap());
        assert_eq!(query_param(&back, "error").as_deref(), Some("unsupported_response_type"));
        // Every scope listed can be asked for by the FAPI client.
        let scopes = strings(doc, "scopes_supported").join(" ");
        let mut form = fapi::par_form(APP, fapi::assertion(&app));
        form.retain(|(k, _)| *k != "scope");
        form.push(("scope", scopes));
        let (status, pushed) = fapi::par_status(&app, form, None).await;
        assert_eq!(status, 201, "{pushed}");
    }
}
