//! The `/audit` page: the account's records newest first, filtered by who, action, resource,
//! region, outcome and time (all in the URL), paged over the whole log, exported as CSV or JSON,
//! each opening to its full detail; and the chain check.

use super::{audit_records, verify_audit_log, AuditFilter, AuditRecord, PAGE_SIZE};
use crate::components::feedback::{ErrorAlert, Loading, Notice, NoticeArea, Notices};
use crate::components::table::{href, with_param};
use crate::locale::Label;
use crate::views::ViewBar;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The filter form's fields: parameter, label, hint.
const FIELDS: [(&str, Label, Label); 7] = [
    ("who", crate::label!(audit.col_who), crate::label!(audit.hint_who)),
    (
        "action",
        crate::label!(audit.col_action),
        crate::label!(audit.hint_action),
    ),
    (
        "resource",
        crate::label!(audit.field_resource),
        crate::label!(audit.hint_resource),
    ),
    (
        "region",
        crate::label!(audit.col_region),
        crate::label!(audit.hint_region),
    ),
    (
        "outcome",
        crate::label!(audit.col_outcome),
        crate::label!(audit.hint_outcome),
    ),
    (
        "from",
        crate::label!(audit.field_from),
        crate::label!(audit.hint_from),
    ),
    ("to", crate::label!(audit.field_to), crate::label!(audit.hint_to)),
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
                Ok(report) => notices.push(Notice::error(
                    crate::tr!(audit.chain_broken_title),
                    report.summary(),
                )),
                Err(e) => notices.report(crate::tr!(audit.verify_attempt), Err(e)),
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
            <h1>{crate::tr!(audit.title)}</h1>
            <p class="hint">{crate::tr!(audit.intro)}</p>
            <ViewBar path="/audit" notices/>
            <form method="GET" action="/audit" class="filter-form audit-filter" role="search" aria-label=crate::tr!(audit.filter_label)
                on:submit=crate::components::get_form::submit_in_page()>
                {move || query.read().get("view").map(|v| view! { <input type="hidden" name="view" value=v/> })}
                {FIELDS.iter().map(|&(name, label, hint)| {
                    let locale = crate::locale::current();
                    let (label, hint) = (label(locale), hint(locale));
                    let id = format!("audit-{name}");
                    view! {
                        <span class="field">
                            <label for=id.clone()>{label}</label>
                            <input id=id name=name type="text" autocomplete="off" placeholder=hint
                                prop:value=move || query.read().get(name).unwrap_or_default()/>
                        </span>
                    }
                }).collect_view()}
                <button type="submit">{crate::tr!(audit.apply)}</button>
                <A href="/audit">{crate::tr!(audit.clear)}</A>
            </form>
            <NoticeArea notices/>
            <div class="toolbar" role="toolbar" aria-label=crate::tr!(audit.actions_label)>
                <button type="button" on:click=verify disabled=move || checking.get()>
                    {move || if checking.get() { crate::tr!(audit.verifying) } else { crate::tr!(audit.verify_chain) }}
                </button>
                <a class="button" href=move || export("csv") download="audit.csv">{crate::tr!(audit.export_csv)}</a>
                <a class="button" href=move || export("json") download="audit.json">{crate::tr!(audit.export_json)}</a>
                <button type="button" on:click=move |_| version.update(|v| *v += 1)>{crate::tr!(audit.refresh)}</button>
            </div>
            {move || match records.get() {
                None => view! { <Loading label=crate::tr!(audit.loading)/> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error retry=move || version.update(|v| *v += 1)/> }.into_any(),
                Some(Ok(list)) => {
                    let page = filter.get().page.max(1);
                    let pages = ((list.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
                    let open = chosen.get().and_then(|seq| list.records.iter().find(|r| r.seq == seq).cloned());
                    view! {
                        <p class="summary" data-testid="audit-count">{crate::tr!(audit.record_count, count = crate::number::whole(list.total as u64))}</p>
                        <RecordTable records=list.records/>
                        <nav class="pager" aria-label=crate::tr!(audit.pages_label)>
                            {(page > 1).then(|| view! { <A href=with_param("page", Some(&(page - 1).to_string()))>{crate::tr!(audit.newer)}</A> })}
                            <span data-testid="audit-page">{crate::tr!(audit.page_of, page = page, pages = pages)}</span>
                            {(i64::from(page) < pages).then(|| view! { <A href=with_param("page", Some(&(page + 1).to_string()))>{crate::tr!(audit.older)}</A> })}
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
        return view! { <p class="empty">{crate::tr!(audit.no_match)}</p> }.into_any();
    }
    view! {
        <table class="data-table" data-testid="audit-table">
            <caption class="visually-hidden">{crate::tr!(audit.table_caption)}</caption>
            <thead><tr>
                <th scope="col">{crate::tr!(audit.col_time)}</th><th scope="col">{crate::tr!(audit.col_who)}</th><th scope="col">{crate::tr!(audit.col_action)}</th>
                <th scope="col">{crate::tr!(audit.col_resources)}</th><th scope="col">{crate::tr!(audit.col_region)}</th><th scope="col">{crate::tr!(audit.col_outcome)}</th>
            </tr></thead>
            <tbody>
                {records.into_iter().map(|r| {
                    let open = with_param("id", Some(&r.seq.to_string()));
                    let tone = if r.is_ok() { "state state-ok" } else { "state state-error" };
                    view! {
                        <tr data-seq=r.seq.to_string()>
                            <td><A href=open><crate::time::Time iso=r.time.clone()/></A></td>
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
    let label = crate::tr!(audit.record_label, seq = record.seq);
    let heading = label.clone();
    let fields: Vec<(&str, String)> = vec![
        (crate::tr!(audit.col_action), record.event.clone()),
        (crate::tr!(audit.col_apis), record.apis.join(", ")),
        (crate::tr!(audit.col_outcome), record.outcome_line()),
        (crate::tr!(audit.col_principal), record.principal.clone()),
        (crate::tr!(audit.col_account), record.account.clone()),
        (crate::tr!(audit.col_access_key_id), record.access_key_id.clone()),
        (crate::tr!(audit.col_source_ip), record.source_ip.clone()),
        (crate::tr!(audit.col_user_agent), record.user_agent.clone()),
        (crate::tr!(audit.col_region), record.region.clone()),
        (crate::tr!(audit.col_resources), record.resources.join(", ")),
        (crate::tr!(audit.col_parameters), record.parameters.clone()),
        (
            crate::tr!(audit.col_aws_request_ids),
            record.aws_request_ids.join(", "),
        ),
        (
            crate::tr!(audit.col_client_token),
            record.client_token.clone().unwrap_or_default(),
        ),
        (
            crate::tr!(audit.col_console_request_id),
            record.request_id.clone(),
        ),
        (crate::tr!(audit.col_record), record.seq.to_string()),
        (crate::tr!(audit.col_hash), record.hash.clone()),
    ];
    view! {
        <section class="details-panel" aria-label=label data-testid="audit-details">
            <header class="details-header">
                <h2>{heading}</h2>
                <A href=with_param("id", None) attr:class="close-link">{crate::tr!(audit.close_details)}</A>
            </header>
            <dl class="details-grid">
                <dt>{crate::tr!(audit.col_time)}</dt><dd><crate::time::Time iso=record.time.clone()/></dd>
                {fields.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            {(!record.items.is_empty()).then(|| view! {
                <table class="data-table" data-testid="audit-items">
                    <caption>{crate::tr!(audit.col_items)}</caption>
                    <thead><tr><th scope="col">{crate::tr!(audit.col_resource)}</th><th scope="col">{crate::tr!(audit.col_outcome)}</th><th scope="col">{crate::tr!(audit.col_message)}</th><th scope="col">{crate::tr!(audit.col_aws_request_id)}</th></tr></thead>
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
