//! Accessible SVG charts drawn at build time: grouped bar (column) charts and line charts.
//!
//! A [`Chart`] is an inline SVG fragment for an HTML5 page plus a text alternative. The SVG
//! scales with its container (`viewBox`, `width="100%"`, no fixed height), names itself with
//! `role="img"` and `aria-labelledby` pointing at its `<title>` and `<desc>`, uses the system font
//! and presentation attributes only (no `style`, no script, no external reference), and
//! formats every number the Vietnamese way (`12.345,6`). The output is deterministic: the same
//! data always gives the same bytes, and the element ids derive from a hash of the content.

use crate::numbers::format_decimal;
use crate::text::escape_html;

/// A chart ready to be placed in a page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Chart {
    /// The inline `<svg>` element (no XML prolog).
    pub svg: String,
    /// A text alternative summarising the data, also used as the SVG's `<desc>`.
    pub alt: String,
}

/// Series colours: each has at least 3:1 contrast against white, and neighbours differ in hue
/// and lightness (blue and vermillion first, a pair that colour-blind readers tell apart).
pub const PALETTE: [&str; 8] = [
    "#1f5fa8", "#d55e00", "#1b7837", "#762a83", "#a16207", "#b2182b", "#0f766e", "#4b5563",
];
/// Dash patterns for line series, so lines differ without colour too.
const DASHES: [&str; 4] = ["", "7 4", "2 3", "9 3 2 3"];

const WIDTH: f64 = 640.0;
const PLOT_HEIGHT: f64 = 220.0;
const CHAR_WIDTH: f64 = 6.6;
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const TEXT_COLOUR: &str = "#333";
const GRID_COLOUR: &str = "#d0d7de";

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Bar,
    Line,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Bar => "Biểu đồ cột",
            Kind::Line => "Biểu đồ đường",
        }
    }
}

/// A grouped column chart: one group per label, one bar per series.
///
/// `series` are `(name, values)` with one value per label (`None`: no data, no bar); `unit` is
/// shown above the axis ("Đơn vị: triệu đồng") and after values in the text alternative
/// (`%` is written right after the number). Bars start at zero; negative values go down.
pub fn bar_chart(title: &str, labels: &[String], series: &[(String, Vec<Option<f64>>)], unit: &str) -> Chart {
    draw(Kind::Bar, title, labels, series, unit)
}

/// A line chart: labels along the x axis (usually periods), one line per series, with a
/// distinct marker and dash pattern per series. A missing value breaks the line. The y axis
/// starts at zero unless every value is far from it (rates around 95%).
pub fn line_chart(title: &str, labels: &[String], series: &[(String, Vec<Option<f64>>)], unit: &str) -> Chart {
    draw(Kind::Line, title, labels, series, unit)
}

fn draw(kind: Kind, title: &str, labels: &[String], series: &[(String, Vec<Option<f64>>)], unit: &str) -> Chart {
    let values: Vec<f64> = series
        .iter()
        .flat_map(|(_, v)| v.iter().take(labels.len()).flatten().copied())
        .filter(|v| v.is_finite())
        .collect();
    // Percentages always show two decimals, like the tables (`99,80%`).
    let decimals = if unit == "%" { 2 } else { value_decimals(&values) };
    let alt = alt_text(kind, title, labels, series, unit, decimals);
    let id = format!(
        "mbc-{:010x}",
        fnv1a(&format!("{}|{title}|{labels:?}|{series:?}|{unit}", kind.name())) >> 24
    );

    let mut out = String::with_capacity(4096);
    let top = header_height(series, unit);
    let bottom = 44.0;
    let height = top + PLOT_HEIGHT + bottom;
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"{FONT}\" font-size=\"12\" \
         fill=\"{TEXT_COLOUR}\" class=\"chart\">"
    ));
    out.push_str(&format!(
        "<title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape_html(title),
        escape_html(&alt)
    ));
    draw_header(&mut out, kind, series, unit);

    if values.is_empty() || labels.is_empty() {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">Không có số liệu</text></svg>",
            WIDTH / 2.0,
            num(top + PLOT_HEIGHT / 2.0)
        ));
        return Chart { svg: out, alt };
    }

    let scale = Scale::new(&values, kind == Kind::Bar);
    let tick_labels: Vec<String> = scale
        .ticks()
        .iter()
        .map(|t| with_unit(&format_decimal(*t, scale.decimals), unit, false))
        .collect();
    let widest = tick_labels.iter().map(|t| t.chars().count()).max().unwrap_or(1);
    let left = (widest as f64 * CHAR_WIDTH + 14.0).max(36.0).round();
    let plot = Plot {
        left,
        top,
        width: WIDTH - left - 12.0,
        scale,
    };

    // Grid and y axis labels.
    out.push_str(&format!("<g stroke=\"{GRID_COLOUR}\" stroke-width=\"1\">"));
    for t in plot.scale.ticks() {
        let y = num(plot.y(t));
        out.push_str(&format!(
            "<line x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>",
            num(plot.left),
            num(plot.left + plot.width)
        ));
    }
    out.push_str("</g><g text-anchor=\"end\">");
    for (t, label) in plot.scale.ticks().iter().zip(&tick_labels) {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\">{}</text>",
            num(plot.left - 6.0),
            num(plot.y(*t) + 4.0),
            escape_html(label)
        ));
    }
    out.push_str("</g>");
    // The baseline (zero, or the bottom of a line chart's range).
    let base = if plot.scale.lo <= 0.0 && plot.scale.hi >= 0.0 {
        0.0
    } else {
        plot.scale.lo
    };
    let by = num(plot.y(base));
    out.push_str(&format!(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{by}\" y2=\"{by}\" stroke=\"#595959\" stroke-width=\"1\"/>",
        num(plot.left),
        num(plot.left + plot.width)
    ));

    let slot = plot.width / labels.len() as f64;
    match kind {
        Kind::Bar => draw_bars(&mut out, &plot, labels, series, unit, decimals, slot),
        Kind::Line => draw_lines(&mut out, &plot, labels, series, unit, decimals, slot),
    }
    draw_x_labels(&mut out, &plot, labels, slot);
    out.push_str("</svg>");
    Chart { svg: out, alt }
}

/// Space above the plot: the unit caption and, for several series, the legend.
fn header_height(series: &[(String, Vec<Option<f64>>)], unit: &str) -> f64 {
    let mut h = 8.0;
    if !unit.is_empty() {
        h += 18.0;
    }
    if has_legend(series) {
        h += 20.0 * legend_rows(series).len() as f64;
    }
    h + 10.0
}

/// Whether to draw a legend: when any series has a name.
fn has_legend(series: &[(String, Vec<Option<f64>>)]) -> bool {
    series.iter().any(|(name, _)| !name.trim().is_empty())
}

/// Legend entries laid out in rows that fit the width: (row, x, series index).
fn legend_rows(series: &[(String, Vec<Option<f64>>)]) -> Vec<Vec<(f64, usize)>> {
    let mut rows: Vec<Vec<(f64, usize)>> = vec![Vec::new()];
    let mut x = 8.0;
    for (i, (name, _)) in series.iter().enumerate() {
        let w = 24.0 + short(name, 40).0.chars().count() as f64 * CHAR_WIDTH + 18.0;
        if x + w > WIDTH - 8.0 && x > 8.0 {
            rows.push(Vec::new());
            x = 8.0;
        }
        if let Some(row) = rows.last_mut() {
            row.push((x, i));
        }
        x += w;
    }
    rows
}

fn draw_header(out: &mut String, kind: Kind, series: &[(String, Vec<Option<f64>>)], unit: &str) {
    let mut y = 8.0;
    if !unit.is_empty() {
        y += 18.0;
        out.push_str(&format!(
            "<text x=\"8\" y=\"{}\">Đơn vị: {}</text>",
            num(y - 4.0),
            escape_html(unit)
        ));
    }
    if !has_legend(series) {
        return;
    }
    for row in legend_rows(series) {
        y += 20.0;
        for (x, i) in row {
            let colour = PALETTE[i % PALETTE.len()];
            let (name, cut) = short(&series[i].0, 40);
            let cy = y - 8.0;
            match kind {
                Kind::Bar => out.push_str(&format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{colour}\"/>",
                    num(x),
                    num(cy - 7.0)
                )),
                Kind::Line => {
                    out.push_str(&format!(
                        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{colour}\" \
                         stroke-width=\"2\"{}/>",
                        num(x - 2.0),
                        num(x + 16.0),
                        num(cy),
                        num(cy),
                        dash(i)
                    ));
                    out.push_str(&marker(i, x + 7.0, cy, colour));
                }
            }
            out.push_str(&format!("<text x=\"{}\" y=\"{}\">", num(x + 22.0), num(cy + 4.0)));
            if cut {
                out.push_str(&format!("<title>{}</title>", escape_html(&series[i].0)));
            }
            out.push_str(&escape_html(&name));
            out.push_str("</text>");
        }
    }
}

fn draw_bars(
    out: &mut String,
    plot: &Plot,
    labels: &[String],
    series: &[(String, Vec<Option<f64>>)],
    unit: &str,
    decimals: usize,
    slot: f64,
) {
    let group = slot * 0.72;
    let bar = group / series.len().max(1) as f64;
    let zero = plot.y(0.0);
    for (s, (name, values)) in series.iter().enumerate() {
        out.push_str(&format!("<g fill=\"{}\">", PALETTE[s % PALETTE.len()]));
        for (i, label) in labels.iter().enumerate() {
            let Some(v) = values.get(i).copied().flatten().filter(|v| v.is_finite()) else {
                continue;
            };
            let x = plot.left + slot * i as f64 + (slot - group) / 2.0 + bar * s as f64;
            let y = plot.y(v);
            let (top, h) = if y < zero { (y, zero - y) } else { (zero, y - zero) };
            out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                num(x + 0.5),
                num(top),
                num((bar - 1.0).max(1.0)),
                num(h.max(0.5)),
            ));
            if point_titles(labels, series) {
                out.push_str(&format!(
                    "><title>{}</title></rect>",
                    escape_html(&point_text(name, label, v, unit, decimals))
                ));
            } else {
                out.push_str("/>");
            }
        }
        out.push_str("</g>");
    }
}

fn draw_lines(
    out: &mut String,
    plot: &Plot,
    labels: &[String],
    series: &[(String, Vec<Option<f64>>)],
    unit: &str,
    decimals: usize,
    slot: f64,
) {
    for (s, (name, values)) in series.iter().enumerate() {
        let colour = PALETTE[s % PALETTE.len()];
        let mut path = String::new();
        let mut pen_down = false;
        let mut points = Vec::new();
        for i in 0..labels.len() {
            match values.get(i).copied().flatten().filter(|v| v.is_finite()) {
                Some(v) => {
                    let (x, y) = (plot.left + slot * (i as f64 + 0.5), plot.y(v));
                    path.push_str(&format!("{}{} {}", if pen_down { " L" } else { " M" }, num(x), num(y)));
                    pen_down = true;
                    points.push((x, y, i, v));
                }
                None => pen_down = false,
            }
        }
        if points.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{}/>",
            path.trim_start(),
            dash(s)
        ));
        out.push_str(&format!("<g fill=\"{colour}\">"));
        for (x, y, i, v) in points {
            let m = marker(s, x, y, colour);
            if !point_titles(labels, series) {
                out.push_str(&m);
                continue;
            }
            let text = point_text(name, &labels[i], v, unit, decimals);
            // Put the value's text inside the marker so it shows on hover and to assistive tech.
            let m = m.trim_end_matches("/>");
            out.push_str(&format!("{m}><title>{}</title>{}", escape_html(&text), closing(m)));
        }
        out.push_str("</g>");
    }
}

/// The closing tag for a marker element opened by [`marker`].
fn closing(open: &str) -> &'static str {
    if open.starts_with("<circle") {
        "</circle>"
    } else if open.starts_with("<rect") {
        "</rect>"
    } else {
        "</path>"
    }
}

/// A marker shape per series: circle, square, triangle, diamond.
fn marker(series: usize, x: f64, y: f64, colour: &str) -> String {
    match series % 4 {
        0 => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{colour}\"/>",
            num(x),
            num(y)
        ),
        1 => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" fill=\"{colour}\"/>",
            num(x - 4.0),
            num(y - 4.0)
        ),
        2 => format!("<path d=\"M{} {}l5 9h-10z\" fill=\"{colour}\"/>", num(x), num(y - 5.0)),
        _ => format!(
            "<path d=\"M{} {}l5 5l-5 5l-5 -5z\" fill=\"{colour}\"/>",
            num(x),
            num(y - 5.0)
        ),
    }
}

fn dash(series: usize) -> String {
    match DASHES[series % DASHES.len()] {
        "" => String::new(),
        d => format!(" stroke-dasharray=\"{d}\""),
    }
}

/// X labels under the plot, wrapped on two lines and cut with `…` when too long (the full text
/// stays in a `<title>`). When the slots are narrow, only every n-th label is written.
fn draw_x_labels(out: &mut String, plot: &Plot, labels: &[String], slot: f64) {
    let every = if slot < 48.0 { (48.0 / slot).ceil() as usize } else { 1 };
    let max_chars = (((slot * every as f64) - 6.0) / CHAR_WIDTH).floor().max(3.0) as usize;
    let y = plot.top + PLOT_HEIGHT + 16.0;
    out.push_str("<g text-anchor=\"middle\">");
    for (i, label) in labels.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let x = num(plot.left + slot * (i as f64 + 0.5));
        let (lines, cut) = wrap(label, max_chars);
        out.push_str(&format!("<text x=\"{x}\" y=\"{}\">", num(y)));
        if cut {
            out.push_str(&format!("<title>{}</title>", escape_html(label)));
        }
        for (n, line) in lines.iter().enumerate() {
            if n == 0 {
                out.push_str(&format!("<tspan>{}</tspan>", escape_html(line)));
            } else {
                out.push_str(&format!("<tspan x=\"{x}\" dy=\"14\">{}</tspan>", escape_html(line)));
            }
        }
        out.push_str("</text>");
    }
    out.push_str("</g>");
}

/// Splits `label` into at most two lines of at most `max` characters, at spaces when possible;
/// the second line ends with `…` when the text does not fit. Returns whether it was cut.
fn wrap(label: &str, max: usize) -> (Vec<String>, bool) {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut cut = false;
    for word in label.split_whitespace() {
        let needed = if current.is_empty() {
            word.chars().count()
        } else {
            current.chars().count() + 1 + word.chars().count()
        };
        if needed <= max {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == 2 {
                cut = true;
                break;
            }
        }
        if word.chars().count() <= max {
            current.push_str(word);
        } else {
            let (s, _) = short(word, max);
            lines.push(s);
            cut = true;
            if lines.len() == 2 {
                break;
            }
        }
    }
    if !current.is_empty() && lines.len() < 2 {
        lines.push(current);
    }
    if cut {
        if let Some(last) = lines.last_mut() {
            if !last.ends_with('…') {
                let (s, _) = short(&format!("{last}…"), max);
                *last = if s.ends_with('…') { s } else { format!("{s}…") };
            }
        }
    }
    (lines, cut)
}

/// `s` cut to `max` characters with `…`, and whether it was cut.
fn short(s: &str, max: usize) -> (String, bool) {
    if s.chars().count() <= max {
        return (s.to_owned(), false);
    }
    let kept: String = s.chars().take(max.saturating_sub(1)).collect();
    (format!("{}…", kept.trim_end()), true)
}

/// A y axis range with round ticks.
struct Scale {
    lo: f64,
    hi: f64,
    step: f64,
    decimals: usize,
}

impl Scale {
    fn new(values: &[f64], from_zero: bool) -> Scale {
        let mut min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let mut max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Bars always stand on zero; lines do unless all values sit far from it.
        let near_zero = (min >= 0.0 && min <= max * 0.6) || (max <= 0.0 && max >= min * 0.6);
        if from_zero || near_zero || min.signum() != max.signum() {
            min = min.min(0.0);
            max = max.max(0.0);
        }
        if (max - min).abs() < f64::EPSILON {
            let pad = if max == 0.0 { 1.0 } else { max.abs() * 0.1 };
            if max > 0.0 || from_zero {
                max += pad;
            } else {
                min -= pad;
            }
        }
        let raw = (max - min) / 5.0;
        let mag = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * mag)
            .find(|s| *s >= raw * 0.999)
            .unwrap_or(10.0 * mag);
        let lo = (min / step).floor() * step;
        let hi = (max / step).ceil() * step;
        let decimals = if step >= 1.0 {
            0
        } else {
            (-step.log10()).ceil().min(6.0) as usize
        };
        Scale { lo, hi, step, decimals }
    }

    fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as i64;
        (0..=n)
            .map(|i| {
                let t = self.lo + self.step * i as f64;
                // Avoid -0 and float noise in labels.
                if t.abs() < self.step * 1e-9 { 0.0 } else { t }
            })
            .collect()
    }
}

struct Plot {
    left: f64,
    top: f64,
    width: f64,
    scale: Scale,
}

impl Plot {
    fn y(&self, v: f64) -> f64 {
        let span = self.scale.hi - self.scale.lo;
        self.top + PLOT_HEIGHT - (v - self.scale.lo) / span * PLOT_HEIGHT
    }
}

/// A coordinate with at most one decimal, without trailing `.0`.
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The fewest decimals (up to 2) that show every value exactly.
fn value_decimals(values: &[f64]) -> usize {
    (0..=2)
        .find(|d| {
            let f = 10f64.powi(*d as i32);
            values.iter().all(|v| {
                let x = v * f;
                (x.round() - x).abs() <= 1e-6f64.max(x.abs() * 1e-12)
            })
        })
        .unwrap_or(2)
}

/// A number with its unit: `99,8%` always; `12.345 triệu đồng` when `words` is set (axis ticks
/// leave word units to the caption above the axis).
fn with_unit(number: &str, unit: &str, words: bool) -> String {
    match unit {
        "" => number.to_owned(),
        "%" => format!("{number}%"),
        _ if words => format!("{number} {unit}"),
        _ => number.to_owned(),
    }
}

/// Whether each bar or point carries its value in a `<title>` (a tooltip). Large charts leave
/// them out to stay small; their values are all in the `<desc>` anyway.
fn point_titles(labels: &[String], series: &[(String, Vec<Option<f64>>)]) -> bool {
    labels.len() * series.len() <= 40
}

/// The text of one bar or point: `Dự toán – Thu ngân sách: 12.345 triệu đồng`.
fn point_text(series: &str, label: &str, v: f64, unit: &str, decimals: usize) -> String {
    let value = with_unit(&format_decimal(v, decimals), unit, true);
    if series.trim().is_empty() {
        format!("{label}: {value}")
    } else {
        format!("{series} – {label}: {value}")
    }
}

/// "Biểu đồ cột: Title. Series — Label: 12.345 triệu đồng; Label: không có số liệu. …"
fn alt_text(
    kind: Kind,
    title: &str,
    labels: &[String],
    series: &[(String, Vec<Option<f64>>)],
    unit: &str,
    decimals: usize,
) -> String {
    let mut out = format!("{}:", kind.name());
    if !title.trim().is_empty() {
        out.push(' ');
        out.push_str(title.trim().trim_end_matches('.'));
        out.push('.');
    }
    if labels.is_empty() || series.is_empty() {
        out.push_str(" Không có số liệu.");
        return out;
    }
    for (name, values) in series {
        out.push(' ');
        if !name.trim().is_empty() {
            out.push_str(name.trim());
            out.push_str(" — ");
        }
        let items: Vec<String> = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let value = match values.get(i).copied().flatten().filter(|v| v.is_finite()) {
                    Some(v) => with_unit(&format_decimal(v, decimals), unit, true),
                    None => "không có số liệu".to_owned(),
                };
                format!("{label}: {value}")
            })
            .collect();
        out.push_str(&items.join("; "));
        out.push('.');
    }
    out
}

/// 64-bit FNV-1a, for stable element ids.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn chart_id(svg: &str) -> String {
        let ids = svg.split("aria-labelledby=\"").nth(1).unwrap();
        ids.split(' ').next().unwrap().trim_end_matches("-t").to_owned()
    }

    #[test]
    fn bar_chart_is_accessible_and_has_alt_text() {
        let c = bar_chart(
            "Cân đối ngân sách 2025",
            &labels(&["Thu ngân sách", "Chi ngân sách"]),
            &[("Dự toán".into(), vec![Some(12345.0), Some(10000.5)])],
            "triệu đồng",
        );
        assert_eq!(
            c.alt,
            "Biểu đồ cột: Cân đối ngân sách 2025. Dự toán — Thu ngân sách: 12.345,0 triệu đồng; \
             Chi ngân sách: 10.000,5 triệu đồng."
        );
        assert!(
            c.svg
                .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 ")
        );
        assert!(c.svg.contains("role=\"img\""));
        assert!(c.svg.contains("width=\"100%\""));
        let id = chart_id(&c.svg);
        assert!(c.svg.contains(&format!("aria-labelledby=\"{id}-t {id}-d\"")));
        assert!(
            c.svg
                .contains(&format!("<title id=\"{id}-t\">Cân đối ngân sách 2025</title>"))
        );
        assert!(c.svg.contains(&format!("<desc id=\"{id}-d\">Biểu đồ cột: Cân đối")));
        assert!(c.svg.contains("Đơn vị: triệu đồng"));
        assert!(c.svg.contains(">15.000<"), "{}", c.svg);
        assert!(
            c.svg
                .contains("<title>Dự toán – Thu ngân sách: 12.345,0 triệu đồng</title>")
        );
        // Two bars and one legend swatch.
        assert_eq!(c.svg.matches("<rect").count(), 3);
        assert!(!c.svg.contains("<?xml") && !c.svg.contains("script") && !c.svg.contains("href"));
        assert!(c.svg.len() < 4000, "{} bytes", c.svg.len());
        assert!(c.svg.ends_with("</svg>"));
    }

    #[test]
    fn deterministic_and_escaped() {
        let args = (
            "A & B <x>",
            labels(&["\"Q\" <1>"]),
            vec![("S & T".to_string(), vec![Some(1.0)]), ("U".to_string(), vec![None])],
        );
        let a = bar_chart(args.0, &args.1, &args.2, "");
        let b = bar_chart(args.0, &args.1, &args.2, "");
        assert_eq!(a, b);
        assert!(a.svg.contains("A &amp; B &lt;x&gt;"));
        assert!(a.svg.contains("&quot;Q&quot; &lt;1&gt;"));
        assert!(!a.svg.contains("<x>"));
        assert!(
            a.alt.contains("S & T — \"Q\" <1>: 1. U — \"Q\" <1>: không có số liệu."),
            "{}",
            a.alt
        );
        let other = bar_chart("Khác", &args.1, &args.2, "");
        assert_ne!(chart_id(&a.svg), chart_id(&other.svg), "ids differ between charts");
    }

    #[test]
    fn line_chart_with_percent_and_gaps() {
        let c = line_chart(
            "Tỷ lệ đúng hạn",
            &labels(&["Quý 1/2024", "Quý 2/2024", "Quý 3/2024"]),
            &[
                ("Đúng hạn".into(), vec![Some(97.5), None, Some(99.8)]),
                ("Trực tuyến".into(), vec![Some(60.0), Some(70.25), Some(80.0)]),
            ],
            "%",
        );
        assert!(c.alt.starts_with(
            "Biểu đồ đường: Tỷ lệ đúng hạn. Đúng hạn — Quý 1/2024: 97,50%; Quý 2/2024: không có số liệu;"
        ));
        assert!(c.alt.contains("Quý 2/2024: 70,25%"));
        assert!(c.svg.contains("<desc"));
        assert_eq!(c.svg.matches("<path d=\"M").count(), 2, "two lines: {}", c.svg);
        assert!(c.svg.contains("stroke-dasharray=\"7 4\""));
        // The gap splits the first line into two moves.
        let first = c.svg.split("<path d=\"").nth(1).unwrap();
        assert_eq!(first.split('"').next().unwrap().matches('M').count(), 2);
        assert!(c.svg.contains(">100%<"));
    }

    #[test]
    fn long_labels_are_cut_with_the_full_text_kept() {
        let long = "Chi thường xuyên cho sự nghiệp giáo dục, đào tạo và dạy nghề của các trường trên địa bàn";
        let many: Vec<String> = (0..6).map(|i| format!("{long} {i}")).collect();
        let series = vec![("Dự toán".to_string(), (0..6).map(|i| Some(i as f64)).collect())];
        let c = bar_chart("T", &many, &series, "triệu đồng");
        assert!(c.svg.contains(&format!("<title>{}</title>", escape_html(&many[0]))));
        assert!(c.svg.contains('…'));
        let (lines, cut) = wrap("Thu ngân sách nhà nước", 12);
        assert_eq!(lines, vec!["Thu ngân", "sách nhà…"]);
        assert!(cut);
        assert_eq!(wrap("Năm 2020", 12), (vec!["Năm 2020".to_string()], false));
    }

    #[test]
    fn empty_and_negative_data() {
        let c = bar_chart("Trống", &labels(&["A"]), &[("S".into(), vec![None])], "");
        assert!(c.svg.contains("Không có số liệu"));
        assert_eq!(c.alt, "Biểu đồ cột: Trống. S — A: không có số liệu.");
        let c = bar_chart(
            "Âm",
            &labels(&["A", "B"]),
            &[("S".into(), vec![Some(-50.0), Some(100.0)])],
            "",
        );
        assert!(c.svg.contains(">-50<"), "{}", c.svg);
    }

    #[test]
    fn palette_contrast_against_white() {
        fn luminance(hex: &str) -> f64 {
            let c = |i: usize| {
                let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
        }
        for colour in PALETTE {
            let ratio = 1.05 / (luminance(colour) + 0.05);
            assert!(ratio >= 3.0, "{colour}: {ratio}");
        }
        let mut unique = PALETTE.to_vec();
        unique.dedup();
        assert_eq!(unique.len(), PALETTE.len());
    }
}
