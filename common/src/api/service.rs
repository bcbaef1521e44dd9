//! What every screen reads before a flow: the union's profile, its
//! branches and the service hours (`/api/union`, `/api/branches`,
//! `/api/service-status`).

use serde::{Deserialize, Serialize};

// ---- GET /api/union -------------------------------------------------------

/// The credit union's public profile: shown in the header and footer, and
/// beside every message that sends the customer to the contact desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnionProfile {
    pub name: String,
    pub desk: ContactDesk,
    /// The domain the completion notice is sent from (e.g.
    /// webcenter.anser.or.jp), named wherever the customer gives their
    /// address, so they can allow it in their mail settings (FAQ 2.Q3).
    #[serde(default)]
    pub mail_domain: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactDesk {
    /// e.g. 本部事務部
    pub name: String,
    pub phone: String,
    pub email: String,
    /// e.g. 平日 9:00〜17:00
    pub hours: String,
}

// ---- GET /api/branches ----------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Branch {
    /// 店番, three digits.
    pub code: String,
    /// 店名, e.g. 本店営業部
    pub name: String,
    /// The name's reading in katakana, so a search by kana finds it.
    pub kana: String,
}

impl Branch {
    /// Whether the branch matches what the customer typed in the search box:
    /// by number prefix, or by name or reading anywhere.
    pub fn matches(&self, query: &str) -> bool {
        let q = crate::fields::fold_full_width(query.trim());
        if q.is_empty() {
            return true;
        }
        self.code.starts_with(&q) || self.name.contains(&q) || self.kana.contains(&q)
    }

    /// `001 本店営業部`, as the picker shows it.
    pub fn display(&self) -> String {
        format!("{} {}", self.code, self.name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BranchList {
    pub branches: Vec<Branch>,
}

// ---- GET /api/service-status ----------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceStatus {
    pub open: bool,
    /// JST `HH:MM` the service reopens, when closed.
    #[serde(default)]
    pub reopens_at: Option<String>,
    /// JST `HH:MM` a maintenance window begins, when one starts within the
    /// next 15 minutes: screen ① warns before the customer begins.
    #[serde(default)]
    pub closes_soon_at: Option<String>,
}
