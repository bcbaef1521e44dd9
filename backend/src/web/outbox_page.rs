//! `/dev/outbox` (development only): the mails the service would have
//! sent, newest first.

use crate::domain::error::DomainResult;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Html;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub async fn list(State(state): State<AppState>) -> DomainResult<Html<String>> {
    let mails = state.store.outbox().await?;
    let items: String = mails
        .iter()
        .map(|m| {
            format!(
                "<article><h2>{}</h2><p>宛先：{}（{}）</p><pre>{}</pre></article>",
                escape(&m.subject),
                escape(&m.to_address),
                match (m.sent, m.failed) {
                    (true, _) => "送信済み",
                    (false, true) => "送信失敗（再送を終了）",
                    (false, false) => "未送信",
                },
                escape(&m.body)
            )
        })
        .collect();
    Ok(Html(format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>送信メール（開発用）</title></head>\
         <body><h1>送信メール（開発用）</h1>{}</body></html>",
        if items.is_empty() { "<p>まだメールはありません。</p>".to_owned() } else { items }
    )))
}
