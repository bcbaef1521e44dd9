//! The journey through screens ①–⑥ as a flow: how one starts (at the app's
//! authorization request, or at ① in development), how ① is answered, and
//! how it ends or starts again. A flow is bound to one browser by a random
//! secret; we keep only its SHA-256, so a leaked table resumes nobody's
//! flow. (The cookie that carries the secret is the web layer's.)

use crate::clock::Clock;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::oauth::request::AuthorizationRequest;
use crate::domain::throttle::Throttle;
use crate::random::Random;
use crate::secrets;
use crate::store::Store;
use crate::store::flows::FlowRecord;
use renkei_common::api::AccountInput;
use renkei_common::catalogue::ErrorId;
use renkei_common::steps::Step;
use time::Duration;

/// The browser's half of a flow: 256 random bits.
pub struct FlowSecret(String);

impl FlowSecret {
    pub fn generate(random: &dyn Random) -> Self {
        FlowSecret(secrets::secret_from(random))
    }

    /// A secret as the browser sent it back; anything not of our shape is
    /// no secret of ours.
    pub fn from_browser(value: &str) -> Option<Self> {
        (value.len() == 43).then(|| FlowSecret(value.to_owned()))
    }

    /// The key the flow is stored under.
    pub fn hash(&self) -> String {
        secrets::hash(&self.0)
    }

    /// The value for the browser to hold.
    pub fn expose(self) -> String {
        self.0
    }
}

/// The journey's rules over the flows table.
#[derive(Clone, Copy)]
pub struct Journey<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    pub random: &'a dyn Random,
    /// How long one run through ①–⑥ may take.
    pub lifetime: Duration,
    /// Whether a flow may start at ① without an app (development only: in
    /// production every flow begins at the app's request).
    pub allow_start_without_app: bool,
    /// Caps how often ① can be answered again on one flow.
    pub throttle: Throttle<'a>,
}

/// What answering screen ① did.
pub enum AccountAnswered {
    /// The flow an app started, waiting at ① or ②, now names this account.
    OnAppFlow(FlowRecord),
    /// A new development flow; the browser must hold its secret.
    Started { secret: FlowSecret, flow_ref: String },
}

impl Journey<'_> {
    /// A flow for an app's checked authorization request: it waits at ①.
    pub async fn start_for_app(
        &self,
        request: &AuthorizationRequest,
        pushed_request_hash: Option<&str>,
    ) -> DomainResult<FlowSecret> {
        let secret = FlowSecret::generate(self.random);
        let now = self.clock.now();
        let json = serde_json::to_string(request).map_err(|e| DomainError::Internal(e.to_string()))?;
        self.store.create_flow_for_app(&secret.hash(), &json, pushed_request_hash, now, now + self.lifetime).await?;
        Ok(secret)
    }

    /// A flow for 連携管理: the customer passes ①–⑤ again, then sees their
    /// links. It waits at ①.
    pub async fn start_to_manage_links(&self) -> DomainResult<FlowSecret> {
        let secret = FlowSecret::generate(self.random);
        let now = self.clock.now();
        self.store.create_flow_to_manage_links(&secret.hash(), now, now + self.lifetime).await?;
        Ok(secret)
    }

    /// The live flow behind a browser's secret.
    pub async fn live(&self, secret: &FlowSecret) -> DomainResult<Option<FlowRecord>> {
        Ok(self.store.live_flow(&secret.hash(), self.clock.now()).await?)
    }

    /// Screen ①. A flow an app started is answered in place (also again,
    /// with the back button, from ②, as often as its throttle allows);
    /// otherwise, where allowed, a new development flow starts. The
    /// outcome is `Err` with the flow (if any) so the caller can log
    /// against it.
    pub async fn answer_account(
        &self,
        current: Option<FlowRecord>,
        input: &AccountInput,
    ) -> Result<AccountAnswered, (Option<FlowRecord>, DomainError)> {
        if let Some(flow) = current.filter(|f| f.begun_before_screen_one() && f.step <= Step::Customer) {
            if let Err(refused) = self.throttle.answer(&flow).await {
                return Err((Some(flow), refused));
            }
            return match self.store.set_flow_account(&flow.id_hash, input, Step::Customer).await {
                Ok(true) => Ok(AccountAnswered::OnAppFlow(flow)),
                Ok(false) => Err((Some(flow), ErrorId::StepOutOfOrder.into())),
                Err(cause) => Err((Some(flow), cause.into())),
            };
        }
        if !self.allow_start_without_app {
            return Err((None, ErrorId::FlowExpired.into()));
        }
        let secret = FlowSecret::generate(self.random);
        let id_hash = secret.hash();
        let now = self.clock.now();
        let flow_ref = crate::store::flows::reference(&id_hash);
        match self.store.create_flow(&id_hash, input, Step::Customer, now, now + self.lifetime).await {
            Ok(()) => Ok(AccountAnswered::Started { secret, flow_ref }),
            Err(cause) => Err((None, cause.into())),
        }
    }

    /// The flow even after it ended (until the sweep removes it): enough to
    /// send the customer back to its app.
    pub async fn even_if_ended(&self, secret: &FlowSecret) -> DomainResult<Option<FlowRecord>> {
        Ok(self.store.flow_even_if_ended(&secret.hash()).await?)
    }

    /// Ends a flow at once (the customer left, or the call window closed).
    pub async fn end(&self, flow: &FlowRecord) -> DomainResult<bool> {
        Ok(self.store.end_flow(&flow.id_hash, self.clock.now()).await?)
    }

    /// Moves a flow from `from` to `to`; `step_out_of_order` if it had
    /// moved already (a double submission moves it once).
    pub async fn advance(&self, flow: &FlowRecord, from: Step, to: Step) -> DomainResult<Step> {
        if self.store.advance(&flow.id_hash, from, to).await? { Ok(to) } else { Err(ErrorId::StepOutOfOrder.into()) }
    }
}

/// The app's authorization request the flow carries; `invalid_app_request`
/// for a development flow, which has none.
pub fn app_request(flow: &FlowRecord) -> DomainResult<AuthorizationRequest> {
    let json = flow.oauth_request.as_deref().ok_or(DomainError::Refused(ErrorId::InvalidAppRequest))?;
    serde_json::from_str(json).map_err(|e| DomainError::Internal(format!("stored request: {e}")))
}

/// The flow's core account, once screens ①② matched it.
pub fn matched_account(flow: &FlowRecord) -> DomainResult<crate::core::AccountId> {
    flow.account_id.ok_or(DomainError::Refused(ErrorId::StepOutOfOrder))
}
