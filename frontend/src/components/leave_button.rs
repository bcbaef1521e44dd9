//! 「アプリに戻る」: leaves API authentication and goes back to the app that
//! sent the customer (the server answers the app with access_denied). A
//! plain link to the server, not a route of this app.

use crate::lang::t;
use leptos::prelude::*;

/// The server's way back to the app (see backend flow::leave).
pub const LEAVE_PATH: &str = "/api/flow/leave";

#[component]
pub fn LeaveButton(#[prop(optional)] primary: bool) -> impl IntoView {
    let class = if primary { "button button--primary" } else { "button" };
    // rel=external: the router must let the browser load it.
    view! {
        <a class=class href=LEAVE_PATH rel="external">
            {t().frame.leave}
        </a>
    }
}
