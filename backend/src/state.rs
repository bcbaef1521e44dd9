//! What every handler can reach: the ports (store, core, clock, random),
//! the settings, and the shedding budget. It imports no handler, so no
//! module reaches the state through the router. Handlers hand the domain
//! only the parts a rule needs (see the constructors below).

use crate::clock::SharedClock;
use crate::config::{Config, Profile};
use crate::core::SharedCore;
use crate::domain::audit::AuditLog;
use crate::domain::bank_api::BankApi;
use crate::domain::consent::{Consent, ConsentSettings};
use crate::domain::identity::IdentityCheck;
use crate::domain::journey::Journey;
use crate::domain::links::Links;
use crate::domain::lockout::{Limits, Lockout};
use crate::domain::oauth::{DpopSettings, OAuthServer, OAuthSettings};
use crate::domain::phone_call::{CallSettings, PhoneCall};
use crate::domain::pin::PinStep;
use crate::domain::service_hours::ServiceHours;
use crate::domain::throttle::{Throttle, ThrottleLimits};
use crate::in_flight::InFlight;
use crate::mail::mailer::Mailer;
use crate::random::SharedRandom;
use crate::store::Store;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// The union's core banking system (勘定系).
    pub core: SharedCore,
    /// Time comes only from here.
    pub clock: SharedClock,
    /// Randomness (secrets, codes, the number ④ shows) only from here.
    pub random: SharedRandom,
    pub config: Arc<Config>,
    /// The SMTP transport and its connection pool, one per process.
    pub mailer: Arc<Mailer>,
    pub in_flight: Arc<InFlight>,
    /// Where the outside world reaches us: the OAuth issuer, and the URL
    /// the telephony provider signs.
    pub public_url: Arc<str>,
}

/// The domain's views of the state: each rule gets the ports and settings
/// it needs, and nothing else.
impl AppState {
    pub fn lockout(&self) -> Lockout<'_> {
        Lockout {
            store: &self.store,
            clock: &*self.clock,
            limits: Limits { identity: self.config.identity_failure_limit, pin: self.config.pin_failure_limit },
        }
    }

    pub fn throttle(&self) -> Throttle<'_> {
        let settings = self.config.throttle;
        Throttle {
            store: &self.store,
            clock: &*self.clock,
            limits: ThrottleLimits {
                answers_per_flow: settings.answers_per_flow,
                checks_per_address: settings.checks_per_address,
                addresses_per_account: settings.addresses_per_account,
                window: settings.window,
            },
        }
    }

    pub fn audit(&self) -> AuditLog<'_> {
        AuditLog { store: &self.store, clock: &*self.clock }
    }

    pub fn journey(&self) -> Journey<'_> {
        Journey {
            store: &self.store,
            clock: &*self.clock,
            random: &*self.random,
            lifetime: self.config.flow_lifetime,
            allow_start_without_app: self.config.profile == Profile::Development,
            throttle: self.throttle(),
        }
    }

    pub fn identity(&self) -> IdentityCheck<'_> {
        IdentityCheck { store: &self.store, core: &*self.core, lockout: self.lockout(), throttle: self.throttle() }
    }

    pub fn phone_call(&self) -> PhoneCall<'_> {
        PhoneCall {
            store: &self.store,
            core: &*self.core,
            clock: &*self.clock,
            random: &*self.random,
            lockout: self.lockout(),
            journey: self.journey(),
            service_hours: self.service_hours(),
            settings: CallSettings {
                auth_numbers: &self.config.auth_numbers,
                window: self.config.call_window,
                phone_key: &self.config.dpop.nonce_secret,
            },
        }
    }

    pub fn pin(&self) -> PinStep<'_> {
        PinStep { core: &*self.core, lockout: self.lockout(), journey: self.journey() }
    }

    pub fn consent(&self) -> Consent<'_> {
        Consent {
            store: &self.store,
            core: &*self.core,
            clock: &*self.clock,
            random: &*self.random,
            lockout: self.lockout(),
            settings: ConsentSettings {
                lifetime: self.config.consent_lifetime,
                union: &self.config.union,
                issuer: &self.public_url,
            },
        }
    }

    pub fn service_hours(&self) -> ServiceHours<'_> {
        ServiceHours { store: &self.store, clock: &*self.clock }
    }

    pub fn links(&self) -> Links<'_> {
        Links { store: &self.store, core: &*self.core, clock: &*self.clock }
    }

    pub fn bank_api(&self) -> BankApi<'_> {
        BankApi { store: &self.store, core: &*self.core, clock: &*self.clock, oauth: self.oauth() }
    }

    pub fn oauth(&self) -> OAuthServer<'_> {
        OAuthServer {
            store: &self.store,
            core: &*self.core,
            clock: &*self.clock,
            random: &*self.random,
            settings: OAuthSettings {
                issuer: &self.public_url,
                access_token_lifetime: self.config.access_token_lifetime,
                dpop: DpopSettings {
                    require_nonce: self.config.dpop.require_nonce,
                    nonce_secret: &self.config.dpop.nonce_secret,
                },
            },
        }
    }
}
