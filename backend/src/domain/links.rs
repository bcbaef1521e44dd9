//! The life of a link (連携) after ⑥: it stands until it expires (the
//! periodic re-authentication), the app or the customer ends it, or its
//! account moves or closes (移管). The account's state is read from the
//! core whenever a link is used (bank API, refresh, introspection), not
//! only by a batch, and a link found on a moved account ends there.
//!
//! 連携管理 is the customer's own view: after ①–⑤ they see the apps linked
//! to the account and can end any of them at once.

use crate::clock::Clock;
use crate::core::{AccountId, AccountState, CoreBanking, HeldAccount};
use crate::domain::consent::{flow_account_words, scope_labels};
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::journey::matched_account;
use crate::store::Store;
use crate::store::flows::FlowRecord;
use crate::store::links::RevokedBy;
use renkei_common::Lang;
use renkei_common::api::{LinkList, LinkView};
use renkei_common::calendar::jst_date_text_in;
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;

#[derive(Clone, Copy)]
pub struct Links<'a> {
    pub store: &'a Store,
    pub core: &'a dyn CoreBanking,
    pub clock: &'a dyn Clock,
}

impl Links<'_> {
    /// The link's account, if it is still in use at the core. A moved or
    /// closed (or vanished) account ends the link with every token of it,
    /// and `None` tells the caller to refuse.
    pub async fn account_in_use(&self, consent_id: i64, account: AccountId) -> DomainResult<Option<HeldAccount>> {
        let held = self.core.account_by_id(account).await?;
        if let Some(held) = held.filter(|held| held.account.state == AccountState::InUse) {
            return Ok(Some(held));
        }
        if self.store.end_link(consent_id, None, RevokedBy::AccountMoved, self.clock.now()).await? {
            tracing::info!(consent_id, "link ended: its account moved or closed");
        }
        Ok(None)
    }

    /// 連携管理: the links of the account the flow has authenticated.
    pub async fn list(&self, flow: &FlowRecord, lang: Lang) -> DomainResult<LinkList> {
        let account = authenticated_account(flow)?;
        let standing = self.store.standing_links(account, self.clock.now()).await?;
        let links = standing
            .into_iter()
            .map(|link| LinkView {
                id: link.consent_id,
                app_name: link.app_name,
                data: scope_labels(&link.scope, lang),
                since: jst_date_text_in(link.granted_at, lang),
                until: jst_date_text_in(link.expires_at, lang),
            })
            .collect();
        Ok(LinkList { account: flow_account_words(self.core, flow, lang).await?, links, ended: None })
    }

    /// Ends one of the account's links at the customer's word; its app's
    /// tokens stop working at once. A link that is not the account's, or
    /// that has ended already, is not found.
    pub async fn end(&self, flow: &FlowRecord, consent_id: i64, lang: Lang) -> DomainResult<LinkList> {
        let account = authenticated_account(flow)?;
        let mut list = self.list(flow, lang).await?;
        let Some(at) = list.links.iter().position(|link| link.id == consent_id) else {
            return Err(ErrorId::LinkNotFound.into());
        };
        if !self.store.end_link(consent_id, Some(account), RevokedBy::Customer, self.clock.now()).await? {
            return Err(ErrorId::LinkNotFound.into());
        }
        tracing::info!(consent_id, "link ended by the customer");
        // The list as it now stands: the one ended, gone.
        let ended = list.links.remove(at);
        list.ended = Some(ended.app_name);
        Ok(list)
    }
}

/// The account of a 連携管理 flow that has passed ①–⑤.
fn authenticated_account(flow: &FlowRecord) -> DomainResult<AccountId> {
    if flow.step != Step::Links {
        return Err(DomainError::Refused(ErrorId::StepOutOfOrder));
    }
    matched_account(flow)
}
