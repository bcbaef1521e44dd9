//! The core is a port: the app runs on a union's own core as it runs on
//! the embedded one. The core here is the test's (one customer, under a key
//! the embedded demo tables do not have), so nothing of ours may lean on
//! those tables: locks, counts and links name the account by the core's key.

use crate::oauth::{code_for, exchange_code};
use crate::on_both_databases;
use crate::screen_phone::yamada;
use crate::support::{Db, TestApp};
use async_trait::async_trait;
use renkei_backend::core::{
    AccountId, AccountState, Balance, CoreAccount, CoreBanking, CoreError, HeldAccount, IdentityMatch, PinCheck,
    TransactionPage, TransactionQuery,
};
use renkei_backend::domain::lockout::FailureKind;
use renkei_common::api::{AccountInput, Branch};
use renkei_common::catalogue::ErrorId;
use renkei_common::fields::{PhoneLast4, PhoneNumber, Pin};
use std::sync::Arc;
use time::Date;
use time::macros::date;

/// The union's own key for the one customer; no demo row has it.
const THEIR_KEY: AccountId = AccountId(9_001);

/// A union's core in miniature: Yamada's account under the union's key.
struct TheirCore;

#[async_trait]
impl CoreBanking for TheirCore {
    async fn branches(&self) -> Result<Vec<Branch>, CoreError> {
        Ok(vec![Branch {
            code: "001".into(), name: "本店営業部".into(), kana: "ホンテンエイギョウブ".into()
        }])
    }

    async fn find_account(&self, key: &AccountInput) -> Result<Option<CoreAccount>, CoreError> {
        let known = yamada().account.parse().map_err(|_| CoreError::Unreadable("fixture".into()))?;
        Ok((*key == known).then_some(CoreAccount { id: THEIR_KEY, key: known, state: AccountState::InUse }))
    }

    async fn account_by_id(&self, id: AccountId) -> Result<Option<HeldAccount>, CoreError> {
        let known = yamada().account.parse().map_err(|_| CoreError::Unreadable("fixture".into()))?;
        let account = CoreAccount { id: THEIR_KEY, key: known, state: AccountState::InUse };
        Ok((id == THEIR_KEY).then(|| HeldAccount { account, holder_kana: "ヤマダ タロウ".into() }))
    }

    async fn check_identity(&self, _: AccountId, birth: Date, last4: &PhoneLast4) -> Result<IdentityMatch, CoreError> {
        Ok(IdentityMatch { birth_date: birth == date!(1985 - 04 - 01), phone_last4: last4.as_str() == "5678" })
    }

    async fn registered_phones(&self, _: AccountId) -> Result<Vec<PhoneNumber>, CoreError> {
        Ok(PhoneNumber::parse("090-1234-5678").into_iter().collect())
    }

    async fn verify_pin(&self, _: AccountId, pin: &Pin) -> Result<PinCheck, CoreError> {
        Ok(if pin.expose() == "1234" { PinCheck::Matches } else { PinCheck::Wrong })
    }

    async fn balance(&self, _: AccountId) -> Result<Option<Balance>, CoreError> {
        Ok(None)
    }

    async fn transactions(&self, _: AccountId, _: &TransactionQuery) -> Result<TransactionPage, CoreError> {
        Ok(TransactionPage { transactions: Vec::new(), next: None })
    }
}

async fn on_their_core(db: Db) -> TestApp {
    TestApp::spawn_with_core(db, Arc::new(TheirCore)).await
}

on_both_databases! {
    setup = on_their_core;

    async fn an_app_links_an_account_of_a_unions_own_core(app) {
        let (code, verifier) = code_for(&app).await;
        let tokens: serde_json::Value =
            exchange_code(&app, &code, verifier.secret()).await.json().await.unwrap();
        assert_eq!(tokens["token_type"], "Bearer", "{tokens}");
        let linked: i64 = sqlx::query_scalar("SELECT account_id FROM consents")
            .fetch_one(app.store.pool())
            .await
            .unwrap();
        assert_eq!(linked, THEIR_KEY.0, "the link names the account by the core's key");
    }

    async fn failures_on_a_unions_own_core_count_and_lock(app) {
        let browser = crate::support::another_browser();
        let who = yamada();
        let wrong = renkei_common::api::CustomerRequest { birth_date: "1985-04-02".into(), ..who.details.clone() };
        let mut refusals = Vec::new();
        for _ in 0..6 {
            browser.post(app.url("/api/flow/account")).json(&who.account).send().await.unwrap();
            let response = browser.post(app.url("/api/flow/customer")).json(&wrong).send().await.unwrap();
            refusals.push(crate::support::error_of(response).await.id);
        }
        let mismatch = ErrorId::IdentityMismatch;
        assert_eq!(refusals, [mismatch, mismatch, mismatch, mismatch, ErrorId::LockedNow, ErrorId::Locked]);
        assert_eq!(app.store.failures_on(THEIR_KEY, FailureKind::Identity, "2026-11-26").await.unwrap(), 5);
        assert!(app.store.lock_of(THEIR_KEY, app.clock_now()).await.unwrap().is_some());
    }
}
