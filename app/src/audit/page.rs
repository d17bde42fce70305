//! The `/audit` page: the account's records newest first, filtered by who, action, resource,
//! region, outcome and time (all in the URL), paged over the whole log, exported as CSV or JSON,
//! each opening to its full detail; and the chain check.

use super::{audit_records, verify_audit_log, AuditFilter, AuditRecord, PAGE_SIZE};
use crate::components::feedback::{ErrorAlert, Loading, Notice, NoticeArea, Notices};
use crate::components::table::{href, with_param};
use crate::views::ViewBar;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

/// The filter form's fields: parameter, label, hint.
const FIELDS: [(&str, &str, &str); 7] = [
    ("who", "Who", "part of an ARN, e.g. user/alice"),
    ("action", "Action", "e.g. TerminateInstances, SignIn"),
    ("resource", "Resource ID", "e.g. i-0123456789abcdef0"),
    ("region", "Region", "e.g. us-east-1"),
    ("outcome", "Outcome", "ok, failed or an error code"),
    ("from", "From (UTC)", "2026-12-01 or 2026-12-01T15:30"),
    ("to", "To (UTC)", "2026-12-02"),
];

/// The last part of an ARN (`user/alice`), or the whole of anything else.
pub fn short_principal(arn: &str) -> String {
    arn.rsplit_once(':')
        .map(|(_, tail)| tail.to_string())
        .unwrap_or_else(|| arn.to_string())
}

/// The `/audit` page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| AuditFilter::from_params(|k| query.read().get(k)));
    let version = RwSignal::new(0u32);
    let records = LocalResource::new(move || {
        version.get();
        audit_records(filter.get())
    });
    let notices = Notices::new();
    let checking = RwSignal::new(false);
    let verify = move |_| {
        checking.set(true);
        spawn_local(async move {
            match verify_audit_log().await {
                Ok(report) if report.broken.is_none() => notices.push(Notice::ok(report.summary())),
                Ok(report) => notices.push(Notice::error("Audit chain broken", report.summary())),
                Err(e) => notices.report("Verify the audit chain", Err(e)),
            }
            checking.set(false);
        });
    };
    let export = move |format: &str| {
        let mut pairs: Vec<(&str, String)> = vec![("format", format.to_string())];
        pairs.extend(filter.get().params());
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        href("/audit/export", &pairs)
    };
    let chosen = Memo::new(move |_| query.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    view! {
        <section class="page">
            <h1>"Audit log"</h1>
            <p class="hint">"Every change made through this console in your AWS account, and every sign-in and sign-out, newest first."</p>
            <ViewBar path="/audit" notices/>
            <Form method="GET" action="/audit" attr:class="filter-form audit-filter" attr:role="search" attr:aria-label="Filter the audit log">
                {move || query.read().get("view").map(|v| view! { <input type="hidden" name="view" value=v/> })}
                {FIELDS.iter().map(|&(name, label, hint)| {
                    let id = format!("audit-{name}");
                    view! {
                        <span class="field">
                            <label for=id.clone()>{label}</label>
                            <input id=id name=name type="text" autocomplete="off" placeholder=hint
                                prop:value=move || query.read().get(name).unwrap_or_default()/>
                        </span>
                    }
                }).collect_view()}
                <button type="submit">"Apply"</button>
                <A href="/audit">"Clear"</A>
            </Form>
            <NoticeArea notices/>
            <div class="toolbar" role="toolbar" aria-label="Audit log actions">
                <button type="button" on:click=verify disabled=move || checking.get()>
                    {move || if checking.get() { "Verifying…" } else { "Verify chain" }}
                </button>
                <a class="button" href=move || export("csv") download="audit.csv">"Export CSV"</a>
                <a class="button" href=move || export("json") download="audit.json">"Export JSON"</a>
                <button type="button" on:click=move |_| version.update(|v| *v += 1)>"Refresh"</button>
            </div>
            {move || match records.get() {
                None => view! { <Loading label="Loading the audit log…"/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || version.update(|v| *v += 1)/> }.into_any(),
                Some(Ok(list)) => {
                    let page = filter.get().page.max(1);
                    let pages = ((list.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
                    let open = chosen.get().and_then(|seq| list.records.iter().find(|r| r.seq == seq).cloned());
                    view! {
                        <p class="summary" data-testid="audit-count">{format!("{} record(s)", list.total)}</p>
                        <RecordTable records=list.records/>
                        <nav class="pager" aria-label="Audit log pages">
                            {(page > 1).then(|| view! { <A href=with_param("page", Some(&(page - 1).to_string()))>"Newer"</A> })}
                            <span data-testid="audit-page">{format!("Page {page} of {pages}")}</span>
                            {(i64::from(page) < pages).then(|| view! { <A href=with_param("page", Some(&(page + 1).to_string()))>"Older"</A> })}
                        </nav>
                        {open.map(|record| view! { <RecordDetails record/> })}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The records as a table; each time opens the record's details (`?id=`).
#[component]
fn RecordTable(records: Vec<AuditRecord>) -> impl IntoView {
    if records.is_empty() {
        return view! { <p class="empty">"No record matches this filter."</p> }.into_any();
    }
    view! {
        <table class="data-table" data-testid="audit-table">
            <caption class="visually-hidden">"Audit records, newest first"</caption>
            <thead><tr>
                <th scope="col">"Time (UTC)"</th><th scope="col">"Who"</th><th scope="col">"Action"</th>
                <th scope="col">"Resources"</th><th scope="col">"Region"</th><th scope="col">"Outcome"</th>
            </tr></thead>
            <tbody>
                {records.into_iter().map(|r| {
                    let open = with_param("id", Some(&r.seq.to_string()));
                    let tone = if r.is_ok() { "state state-ok" } else { "state state-error" };
                    view! {
                        <tr data-seq=r.seq.to_string()>
                            <td><A href=open>{r.time.clone()}</A></td>
                            <td title=r.principal.clone()>{short_principal(&r.principal)}</td>
                            <td>{r.event.clone()}</td>
                            <td>{r.resources.join(", ")}</td>
                            <td>{r.region.clone()}</td>
                            <td><span class=tone>{r.outcome.clone()}</span></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Everything a record holds.
#[component]
fn RecordDetails(record: AuditRecord) -> impl IntoView {
    let label = format!("Audit record {}", record.seq);
    let heading = label.clone();
    let fields: Vec<(&str, String)> = vec![
        ("Time (UTC)", record.time.clone()),
        ("Action", record.event.clone()),
        ("APIs", record.apis.join(", ")),
        ("Outcome", record.outcome_line()),
        ("Principal", record.principal.clone()),
        ("Account", record.account.clone()),
        ("Access key ID", record.access_key_id.clone()),
        ("Source IP", record.source_ip.clone()),
        ("User agent", record.user_agent.clone()),
        ("Region", record.region.clone()),
        ("Resources", record.resources.join(", ")),
        ("Parameters", record.parameters.clone()),
        ("AWS request IDs", record.aws_request_ids.join(", ")),
        ("Client token", record.client_token.clone().unwrap_or_default()),
        ("Console request ID", record.request_id.clone()),
        ("Record", record.seq.to_string()),
        ("Hash", record.hash.clone()),
    ];
    view! {
        <section class="details-panel" aria-label=label data-testid="audit-details">
            <header class="details-header">
                <h2>{heading}</h2>
                <A href=with_param("id", None) attr:class="close-link">"Close details"</A>
            </header>
            <dl class="details-grid">
                {fields.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            {(!record.items.is_empty()).then(|| view! {
                <table class="data-table" data-testid="audit-items">
                    <caption>"Outcome per resource"</caption>
                    <thead><tr><th scope="col">"Resource"</th><th scope="col">"Outcome"</th><th scope="col">"Message"</th><th scope="col">"AWS request ID"</th></tr></thead>
                    <tbody>
                        {record.items.into_iter().map(|i| view! {
                            <tr><td>{i.resource}</td><td>{i.outcome}</td><td>{i.message}</td><td>{i.aws_request_id.unwrap_or_default()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::short_principal;

    #[test]
    fn principals_are_shown_by_their_last_part() {
        assert_eq!(
            short_principal("arn:aws:iam::123456789012:user/alice"),
            "user/alice"
        );
        assert_eq!(short_principal(""), "");
    }
}
