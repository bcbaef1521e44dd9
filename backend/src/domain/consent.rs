//! Screen ⑥ 情報連携認可: which app, which data, which account, for how
//! long. Allowing records the consent (the link), a one-time code for the
//! app and the completion notice, in one transaction that also ends the
//! account's earlier link to the same app (one live link per app and
//! account: linking again replaces it); refusing answers the app
//! `access_denied`. Either way the flow is over.

use crate::clock::Clock;
use crate::core::CoreBanking;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::journey::{app_request, matched_account};
use crate::domain::lockout::Lockout;
use crate::domain::oauth::CODE_LIFETIME;
use crate::domain::oauth::request::{AuthorizationRequest, redirect_with};
use crate::mail::notice::CompletionNotice;
use crate::random::Random;
use crate::secrets;
use crate::store::Store;
use crate::store::consent_answer::{Answered, Grant, Notice};
use crate::store::flows::FlowRecord;
use renkei_common::Lang;
use renkei_common::api::UnionProfile;
use renkei_common::calendar::jst_date_text_in;
use renkei_common::catalogue::ErrorId;
use renkei_common::scopes::Scope;
use renkei_common::steps::Step;
use time::{Duration, OffsetDateTime};

#[derive(Clone, Copy)]
pub struct ConsentSettings<'a> {
    /// How long a link lasts before the customer authenticates again.
    pub lifetime: Duration,
    pub union: &'a UnionProfile,
    /// Our issuer identifier, sent back with the answer (RFC 9207).
    pub issuer: &'a str,
}

#[derive(Clone, Copy)]
pub struct Consent<'a> {
    pub store: &'a Store,
    pub core: &'a dyn CoreBanking,
    pub clock: &'a dyn Clock,
    pub random: &'a dyn Random,
    pub lockout: Lockout<'a>,
    pub settings: ConsentSettings<'a>,
}

/// What the customer is asked about, as screen ⑥ and the notice word it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    pub app_name: String,
    /// The scopes' labels, e.g. 残高照会.
    pub data: Vec<String>,
    /// e.g. 本店営業部 普通 ****567
    pub account: String,
    /// How many days the link lasts, and its last day (JST, as ⑥ words it).
    pub days: i64,
    pub until: String,
}

/// Where the browser goes after ⑥, and whether the customer allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided {
    pub location: String,
    pub allowed: bool,
}

impl Consent<'_> {
    /// Screen ⑥'s question. Refused when another flow of the same account
    /// locked it since ⑤: no link today.
    pub async fn subject(&self, flow: &FlowRecord, lang: Lang) -> DomainResult<Subject> {
        let request = app_request(flow)?;
        self.lockout.ensure_unlocked(matched_account(flow)?).await?;
        self.word(flow, &request, lang).await
    }

    async fn word(&self, flow: &FlowRecord, request: &AuthorizationRequest, lang: Lang) -> DomainResult<Subject> {
        let client =
            self.store.client(&request.client_id).await?.ok_or(DomainError::Refused(ErrorId::InvalidAppRequest))?;
        let lifetime = self.settings.lifetime;
        Ok(Subject {
            app_name: client.name,
            data: scope_labels(&request.scope, lang),
            account: flow_account_words(self.core, flow, lang).await?,
            days: lifetime.whole_days(),
            until: jst_date_text_in(self.clock.now() + lifetime, lang),
        })
    }

    /// The customer's answer. Whatever it is, the flow is over and its
    /// pushed request spent: a second answer (another tab, a double click)
    /// finds nothing. One transaction with the consent, its code, the
    /// notice and the end of the earlier link of the same app and account.
    pub async fn decide(&self, flow: &FlowRecord, allow: bool) -> DomainResult<Decided> {
        let request = app_request(flow)?;
        let account_id = matched_account(flow)?;
        self.lockout.ensure_unlocked(account_id).await?;
        let now = self.clock.now();
        let code = secrets::secret_from(self.random);
        let code_hash = secrets::hash(&code);
        let notice = if allow { self.notice(flow, &request, now).await } else { None };
        let grant = allow.then(|| Grant {
            account_id,
            client_id: &request.client_id,
            scope: &request.scope,
            consent_until: now + self.settings.lifetime,
            code_hash: &code_hash,
            redirect_uri: &request.redirect_uri,
            code_challenge: &request.code_challenge,
            code_until: now + CODE_LIFETIME,
            dpop_jkt: request.dpop_jkt.as_deref(),
            notice: notice.as_ref().map(|(to, subject, body)| Notice { to, subject, body }),
        });
        match self.store.answer_consent(&flow.id_hash, flow.pushed_request_hash.as_deref(), now, grant).await? {
            Answered::Recorded { replaced_links: 0 } => {}
            Answered::Recorded { replaced_links } => {
                tracing::info!(client_id = request.client_id, replaced_links, "linked again: the earlier link ended");
            }
            Answered::FlowGone => return Err(ErrorId::FlowExpired.into()),
            Answered::PushedRequestSpent => return Err(ErrorId::InvalidAppRequest.into()),
        }
        let mut params: Vec<(&str, &str)> =
            if allow { vec![("code", code.as_str())] } else { vec![("error", "access_denied")] };
        if let Some(app_state) = request.state.as_deref() {
            params.push(("state", app_state));
        }
        params.push(("iss", self.settings.issuer));
        Ok(Decided { location: redirect_with(&request.redirect_uri, &params), allowed: allow })
    }

    /// The completion notice (to, subject, body), when screen ② gave an
    /// address. Not being able to word it is logged and never stops the link.
    async fn notice(
        &self,
        flow: &FlowRecord,
        request: &AuthorizationRequest,
        now: OffsetDateTime,
    ) -> Option<(String, String, String)> {
        let to = flow.email.as_deref()?;
        // The notice is the union's Japanese, as its other mail.
        match self.word(flow, request, Lang::Ja).await {
            Ok(Subject { app_name, data, account, .. }) => {
                let notice = CompletionNotice {
                    union: self.settings.union,
                    app_name: &app_name,
                    account: &account,
                    data: &data.join("、"),
                    at: now,
                    until: now + self.settings.lifetime,
                    links_url: &format!("{}{}", self.settings.issuer.trim_end_matches('/'), Step::Links.path()),
                };
                Some((to.to_owned(), notice.subject(), notice.body()))
            }
            Err(cause) => {
                tracing::error!(%cause, "completion notice not worded");
                None
            }
        }
    }
}

/// The flow's account as the customer reads it: 本店営業部 普通 ****567.
pub async fn flow_account_words(core: &dyn CoreBanking, flow: &FlowRecord, lang: Lang) -> DomainResult<String> {
    let account = flow.account.as_ref().ok_or(DomainError::Refused(ErrorId::StepOutOfOrder))?;
    let branches = core.branches().await?;
    let branch =
        branches.iter().find(|b| b.code == account.branch.as_str()).map(|b| b.name.clone()).unwrap_or_default();
    let kind = lang.texts().account_type(account.account_type);
    Ok(format!("{branch} {kind} {}", account.number.masked()))
}

/// What a link reads, as ⑥ words it: 残高照会, 入出金明細照会.
pub fn scope_labels(scope: &str, lang: Lang) -> Vec<String> {
    Scope::parse_list(scope).unwrap_or_default().iter().map(|s| s.label_in(lang).to_owned()).collect()
}
