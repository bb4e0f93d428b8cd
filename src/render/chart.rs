//! Small charts drawn at build time as inline SVG (no script, nothing loaded): stories per
//! day per topic, stacked bars, with a caption that says in words what the bars show.

use std::fmt::Write;

use crate::date::{date_of_day, day_number, display_date};
use crate::markup::escape_markup;
use crate::site::Site;

/// Days a chart covers, ending on its last day.
pub const CHART_DAYS: i64 = 14;

/// Bar width and gap, and the height of the tallest bar, in SVG units.
const BAR: i64 = 14;
const GAP: i64 = 4;
const HEIGHT: i64 = 60;
/// Room under the bars for the first and last day's labels.
const LABELS: i64 = 16;

/// One series: a topic's name, its colour's number (its place among the topics) and its
/// stories per day.
struct Series<'a> {
    name: &'a str,
    colour: usize,
    counts: Vec<usize>,
}

/// Stories per day per topic for the `CHART_DAYS` days ending on `last` (`YYYY-MM-DD`), of
/// the topics `topics` (places in `site.topics`); `None` when those days have no story.
pub fn stories_per_day(site: &Site, topics: &[usize], last: &str) -> Option<String> {
    let end = day_number(last)?;
    let start = end - CHART_DAYS + 1;
    let mut series: Vec<Series> = topics
        .iter()
        .map(|&t| {
            let mut counts = vec![0; CHART_DAYS as usize];
            for &i in &site.topics[t].articles {
                if let Some(day) = site.articles[i].date.as_deref().and_then(day_number) {
                    if (start..=end).contains(&day) {
                        counts[(day - start) as usize] += 1;
                    }
                }
            }
            Series {
                name: &site.topics[t].name,
                colour: t,
                counts,
            }
        })
        .collect();
    series.retain(|s| s.counts.iter().any(|&c| c > 0));
    if series.is_empty() {
        return None;
    }
    let totals: Vec<usize> = (0..CHART_DAYS as usize)
        .map(|d| series.iter().map(|s| s.counts[d]).sum())
        .collect();
    let most = *totals.iter().max().unwrap_or(&1);
    let width = CHART_DAYS * (BAR + GAP) - GAP;
    let first_day = date_of_day(start);
    let range = format!(
        "{} to {}",
        display_date(&first_day).unwrap_or(first_day),
        display_date(last).unwrap_or_else(|| last.to_string())
    );
    let mut svg = String::with_capacity(2048);
    let _ = write!(
        svg,
        "<figure class=\"chart\"><svg viewBox=\"0 0 {width} {}\" role=\"img\" aria-labelledby=\"chart-caption\">",
        HEIGHT + LABELS
    );
    for (d, &total) in totals.iter().enumerate() {
        let x = d as i64 * (BAR + GAP);
        if total == 0 {
            let _ = write!(
                svg,
                "<rect class=\"c-none\" x=\"{x}\" y=\"{}\" width=\"{BAR}\" height=\"1\"/>",
                HEIGHT - 1
            );
            continue;
        }
        // Stacked from the bottom, topics in their order; heights rounded so the stack
        // reaches the day's total.
        let mut below = 0;
        for s in &series {
            let count = s.counts[d];
            if count == 0 {
                continue;
            }
            let top = ((below + count) * HEIGHT as usize).div_ceil(most) as i64;
            let bottom = (below * HEIGHT as usize).div_ceil(most) as i64;
            let _ = write!(
                svg,
                "<rect class=\"c{}\" x=\"{x}\" y=\"{}\" width=\"{BAR}\" height=\"{}\"/>",
                s.colour % 6,
                HEIGHT - top,
                (top - bottom).max(1)
            );
            below += count;
        }
    }
    let label = |day: i64| {
        let date = date_of_day(day);
        display_date(&date)
            .map(|d| {
                d.rsplit_once(' ')
                    .map_or(d.clone(), |(dm, _)| dm.to_string())
            })
            .unwrap_or(date)
    };
    let _ = write!(
        svg,
        "<text x=\"0\" y=\"{y}\">{}</text><text x=\"{width}\" y=\"{y}\" text-anchor=\"end\">{}</text></svg>",
        escape_markup(&label(start)),
        escape_markup(&label(end)),
        y = HEIGHT + LABELS - 3
    );
    // The caption: what the bars show, in words, with each topic's colour as its key.
    let all: usize = totals.iter().sum();
    let busiest = totals
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
        .map(|(d, &n)| (date_of_day(start + d as i64), n))
        .expect("fourteen days");
    let _ = write!(
        svg,
        "<figcaption id=\"chart-caption\">Stories per day, {}: {all} in all, most on {} ({}).",
        escape_markup(&range),
        escape_markup(&display_date(&busiest.0).unwrap_or(busiest.0.clone())),
        busiest.1
    );
    for s in &series {
        let _ = write!(
            svg,
            " <span class=\"key k{}\">{} {}</span>",
            s.colour % 6,
            escape_markup(s.name),
            s.counts.iter().sum::<usize>()
        );
    }
    svg.push_str("</figcaption></figure>");
    Some(svg)
}
