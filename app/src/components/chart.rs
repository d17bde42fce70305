//! The one chart of the console: a series over time as an SVG line (broken where there is no
//! data, a dot for a lone point), its unit on the axis, a readout of the value at a time (pointer
//! or arrow keys), a summary sentence and the data as a table behind a toggle. `compact` draws a
//! sparkline without axes.

use crate::monitoring::{clock, Series};
use leptos::prelude::*;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 160.0;
const LEFT: f64 = 56.0;
const BOTTOM: f64 = 18.0;
const TOP: f64 = 8.0;

/// The top of the y axis: 100 for per cent, else the peak rounded up to 1, 2 or 5 × 10ⁿ.
pub fn axis_top(series: &Series) -> f64 {
    if series.unit == crate::monitoring::Unit::Percent {
        return 100.0;
    }
    let peak = series.peak().map(|(_, v)| v).unwrap_or(0.0);
    if peak <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(peak.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|top| *top >= peak)
        .unwrap_or(10.0 * magnitude)
}

/// The SVG path of the series in a `width` × `height` box: a run of points with data is one
/// `M … L …` line; a gap ends it.
pub fn path(points: &[Option<f64>], top: f64, width: f64, height: f64) -> (String, Vec<(f64, f64)>) {
    let n = points.len().max(2) - 1;
    let x = |i: usize| i as f64 * width / n as f64;
    let y = |v: f64| height - (v / top).clamp(0.0, 1.0) * height;
    let mut d = String::new();
    let mut lone = Vec::new();
    let mut run = 0;
    for (i, p) in points.iter().enumerate() {
        match p {
            Some(v) => {
                d.push_str(&format!(
                    "{}{:.1},{:.1} ",
                    if run == 0 { "M" } else { "L" },
                    x(i),
                    y(*v)
                ));
                run += 1;
            }
            None => run = 0,
        }
        let next_gap = points.get(i + 1).is_none_or(Option::is_none);
        if let (Some(v), true, true) = (p, next_gap, i == 0 || points[i - 1].is_none()) {
            lone.push((x(i), y(*v)));
        }
    }
    (d.trim_end().to_string(), lone)
}

/// A chart of `series`; `compact` draws a sparkline (no axes, readout or table).
#[component]
pub fn Chart(series: Series, #[prop(optional)] compact: bool) -> impl IntoView {
    let series = StoredValue::new(series);
    let top = series.with_value(axis_top);
    let (width, height) = if compact {
        (120.0, 28.0)
    } else {
        (WIDTH - LEFT, HEIGHT - BOTTOM - TOP)
    };
    let (d, lone) = series.with_value(|s| path(&s.points, top, width, height));
    let live = crate::time::live();
    let summary = move || series.with_value(|s| s.summary(live.get()));
    let n = series.with_value(|s| s.points.len());
    if compact {
        return view! {
            <svg class="sparkline" viewBox=format!("0 0 {width} {height}") width=width height=height role="img" aria-label=summary>
                <path d=d class="line"/>
                {lone.into_iter().map(|(x, y)| view! { <circle cx=x cy=y r="1.5" class="dot"/> }).collect_view()}
            </svg>
        }
        .into_any();
    }
    let cursor = RwSignal::new(None::<usize>);
    let readout = move || {
        cursor.get().map(|i| {
            series.with_value(|s| match s.points.get(i).copied().flatten() {
                Some(v) => format!("{} — {}", clock(s.time(i), live.get()), s.unit.format(v)),
                None => crate::tr!(common.chart_no_data_at, time = clock(s.time(i), live.get())),
            })
        })
    };
    let index_at =
        move |fraction: f64| ((fraction * (n.max(2) - 1) as f64).round() as usize).min(n.saturating_sub(1));
    let on_move = move |e: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(svg) = e
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let rect = svg.get_bounding_client_rect();
        let left = rect.left() + rect.width() * LEFT / WIDTH;
        let plot = rect.width() * (WIDTH - LEFT) / WIDTH;
        if plot > 0.0 {
            cursor.set(Some(index_at(
                ((f64::from(e.client_x()) - left) / plot).clamp(0.0, 1.0),
            )));
        }
    };
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        let last = n.saturating_sub(1);
        let next = match e.key().as_str() {
            "ArrowRight" => Some(cursor.get_untracked().map_or(0, |i| (i + 1).min(last))),
            "ArrowLeft" => Some(cursor.get_untracked().map_or(last, |i| i.saturating_sub(1))),
            "Home" => Some(0),
            "End" => Some(last),
            _ => None,
        };
        if let Some(i) = next {
            e.prevent_default();
            cursor.set(Some(i));
        }
    };
    let x_at = move |i: usize| LEFT + i as f64 * width / (n.max(2) - 1) as f64;
    let (label, unit, key) = series.with_value(|s| (s.label.clone(), s.unit, s.key.clone()));
    let first = move || series.with_value(|s| clock(s.time(0), live.get()));
    let last = move || series.with_value(|s| clock(s.time(n.saturating_sub(1)), live.get()));
    let rows = move || {
        series.with_value(|s| {
            s.points
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let value = v
                        .map(|v| s.unit.format(v))
                        .unwrap_or_else(|| crate::tr!(common.chart_no_data).into());
                    view! { <tr><td>{clock(s.time(i), live.get())}</td><td>{value}</td></tr> }
                })
                .collect_view()
        })
    };
    view! {
        <figure class="chart" data-series=key>
            <figcaption>{label.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" tabindex="0" aria-label=summary
                aria-describedby=format!("readout-{}", series.with_value(|s| s.key.clone()))
                on:mousemove=on_move on:mouseleave=move |_| cursor.set(None) on:keydown=on_key>
                <text x=LEFT - 6.0 y=TOP + 10.0 text-anchor="end" class="axis">{unit.format(top)}</text>
                <text x=LEFT - 6.0 y=HEIGHT - BOTTOM text-anchor="end" class="axis">{unit.format(0.0)}</text>
                <line x1=LEFT y1=HEIGHT - BOTTOM x2=WIDTH y2=HEIGHT - BOTTOM class="axis-line"/>
                <g transform=format!("translate({LEFT},{TOP})")>
                    <path d=d class="line"/>
                    {lone.into_iter().map(|(x, y)| view! { <circle cx=x cy=y r="2.5" class="dot"/> }).collect_view()}
                </g>
                <text x=LEFT y=HEIGHT - 2.0 class="axis">{first}</text>
                <text x=WIDTH y=HEIGHT - 2.0 text-anchor="end" class="axis">{last}</text>
                {move || cursor.get().map(|i| view! {
                    <line x1=x_at(i) y1=TOP x2=x_at(i) y2=HEIGHT - BOTTOM class="cursor"/>
                })}
            </svg>
            <p class="readout" id=format!("readout-{}", series.with_value(|s| s.key.clone())) aria-live="polite">
                {move || readout().unwrap_or_else(|| crate::tr!(common.chart_readout_hint).into())}
            </p>
            <p class="chart-summary">{summary}</p>
            <details class="chart-data">
                <summary>{crate::tr!(common.chart_data_table, label = label)}</summary>
                <table class="data-table compact">
                    <thead><tr><th scope="col">{crate::tr!(common.chart_time)}</th><th scope="col">{crate::tr!(common.chart_value)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::Unit;

    fn series(unit: Unit, points: Vec<Option<f64>>) -> Series {
        Series {
            key: "k".into(),
            label: "l".into(),
            unit,
            start: 0,
            period: 60,
            points,
        }
    }

    #[test]
    fn the_axis_top_is_a_round_number_above_the_peak() {
        assert_eq!(axis_top(&series(Unit::Percent, vec![Some(12.0)])), 100.0);
        assert_eq!(axis_top(&series(Unit::Bytes, vec![Some(730.0)])), 1000.0);
        assert_eq!(axis_top(&series(Unit::Bytes, vec![Some(1500.0)])), 2000.0);
        assert_eq!(axis_top(&series(Unit::Count, vec![Some(3.0)])), 5.0);
        assert_eq!(axis_top(&series(Unit::Count, vec![None])), 1.0);
    }

    #[test]
    fn gaps_break_the_line_and_lone_points_are_dots() {
        let (d, lone) = path(
            &[Some(0.0), Some(50.0), None, Some(100.0), None],
            100.0,
            400.0,
            100.0,
        );
        assert_eq!(d, "M0.0,100.0 L100.0,50.0 M300.0,0.0");
        assert_eq!(
            lone,
            vec![(300.0, 0.0)],
            "a point between two gaps is drawn as a dot"
        );
        let (d, lone) = path(&[None, None], 100.0, 400.0, 100.0);
        assert!(
            d.is_empty() && lone.is_empty(),
            "no data draws nothing (not a line at zero)"
        );
    }
}
