//! The status strip of an all-regions view: one chip per region (its count, or why it has none)
//! with a Retry on each failed region, and a sentence for screen readers.

use super::RegionStatus;
use leptos::prelude::*;

/// `n regions answered`, and the failed ones named.
pub fn summary(regions: &[RegionStatus]) -> String {
    let answered = regions
        .iter()
        .filter(|s| matches!(s.outcome, super::Outcome::Ok(_)))
        .count();
    let failed: Vec<&str> = regions
        .iter()
        .filter(|s| s.outcome.retryable())
        .map(|s| s.region.as_str())
        .collect();
    let failed = failed.join(", ");
    match (answered == 1, failed.is_empty()) {
        (true, true) => crate::tr!(regions.answered_single, count = answered),
        (false, true) => crate::tr!(regions.answered_plural, count = answered),
        (true, false) => crate::tr!(
            regions.answered_single_missing,
            count = answered,
            regions = failed
        ),
        (false, false) => crate::tr!(
            regions.answered_plural_missing,
            count = answered,
            regions = failed
        ),
    }
}

/// One chip per region; `retrying` names the regions being asked again, and `on_retry` asks one.
#[component]
pub fn RegionStrip(
    #[prop(into)] regions: Signal<Vec<RegionStatus>>,
    #[prop(into)] note: Signal<Option<String>>,
    #[prop(into)] retrying: Signal<Vec<String>>,
    on_retry: Callback<String>,
) -> impl IntoView {
    view! {
        <section class="region-strip" aria-label=crate::tr!(regions.strip_label) data-testid="region-strip">
            {move || note.get().map(|n| view! { <p class="hint" role="note">{n}</p> })}
            <p class="visually-hidden" role="status">{move || regions.with(|r| summary(r))}</p>
            <ul>
                {move || regions.get().into_iter().map(|s| {
                    let region = s.region.clone();
                    let busy = {
                        let region = region.clone();
                        move || retrying.with(|r| r.contains(&region))
                    };
                    let retry = s.outcome.retryable().then(|| {
                        let region = region.clone();
                        let label = crate::tr!(regions.retry_region, region = region);
                        view! {
                            <button type="button" class="link-button" aria-label=label disabled=busy
                                on:click=move |_| on_retry.run(region.clone())>{crate::tr!(regions.retry)}</button>
                        }
                    });
                    view! {
                        <li class=format!("chip chip-{}", s.outcome.kind()) data-region=region.clone()
                            data-outcome=s.outcome.kind() title=s.outcome.detail()>
                            <span class="chip-region">{region.clone()}</span>": "
                            <span class="chip-words">{s.outcome.words()}</span>
                            {retry}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regions::Outcome;

    #[test]
    fn the_summary_names_the_failed_regions() {
        let s = |region: &str, outcome| RegionStatus {
            region: region.into(),
            outcome,
        };
        assert_eq!(
            summary(&[
                s("us-east-1", Outcome::Ok(3)),
                s("eu-west-1", Outcome::TimedOut),
                s("ap-east-1", Outcome::NotOptedIn)
            ]),
            "1 region answered; no answer from eu-west-1"
        );
        assert_eq!(summary(&[]), "0 regions answered");
    }
}
