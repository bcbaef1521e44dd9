//! What the server's page and the SPA agree on: the page the server sends
//! for a screen paints that screen's frame at once (header, step bar,
//! title, lead, a loading line, footer) and carries the union's profile;
//! the SPA reads the profile, removes the frame and draws the same one.

/// The element holding the server-painted frame, removed when the SPA
/// starts.
pub const SHELL_ID: &str = "renkei-shell";

/// The JSON data block with the union's profile (`api::UnionProfile`).
pub const UNION_DATA_ID: &str = "renkei-union";

/// The line a screen shows while its data is on the way.
pub const LOADING: &str = "読み込み中です…";

/// The label of the step bar, read by screen readers.
pub const STEP_BAR_LABEL: &str = "手続きの進み具合";

/// The footer's heading over the contact desk.
pub const DESK_HEADING: &str = "本サービスのお問合せ窓口";

/// The help page's link text and address.
pub const HELP_LABEL: &str = "よくあるご質問";
pub const HELP_PATH: &str = "/help";

/// Where the page of screen ⑥ carries the question (`api::ConsentView`),
/// so the SPA shows it without asking again.
pub const CONSENT_DATA_ID: &str = "renkei-consent";

/// Screen ⑥'s fixed words, for the SPA's screen and the server's page.
pub mod consent {
    pub const APP: &str = "連携先アプリ";
    pub const DATA: &str = "参照する情報";
    pub const ACCOUNT: &str = "対象口座";
    pub const PERIOD: &str = "有効期間";
    pub const PERIOD_NOTE: &str = "（期間が過ぎると、改めてAPI連携認証が必要です）";
    pub const AFTER_UNINSTALL: &str =
        "アプリを削除しても、連携は有効期間の間は続きます。連携の解除はアプリまたはお取引店舗でお手続き下さい。";
    pub const ALLOW: &str = "許可する";
    pub const DENY: &str = "許可しない";

    /// e.g. 90日間（2027年2月24日まで）
    pub fn period(days: i64, until: &str) -> String {
        format!("{days}日間（{until}まで）")
    }
}

/// Where the completion notice comes from, said wherever the customer
/// gives or relies on their address (the manual's FAQ 2.Q3).
pub fn mail_domain_note(domain: &str) -> String {
    format!(
        "連携完了のお知らせは「@{domain}」からお送りします。受信を制限されている場合は、このドメインからのメールを受信できるよう設定して下さい。"
    )
}
