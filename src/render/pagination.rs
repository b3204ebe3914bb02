//! Pagination of lists: a window of page links (first, last, current ± 2, with gaps), so that
//! every list page carries a bounded number of links however long the list is.

use tera::Value;

use super::tv;

/// How many pages either side of the current page get a link.
const AROUND: usize = 2;

/// One entry of the page links: a page number, or a gap standing for the pages left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A link to this page (1-based).
    Page(usize),
    /// Pages left out (shown as an ellipsis, not a link).
    Gap,
}

/// The page links of page `current` of `total`: the first and last pages and the pages within
/// [`AROUND`] of `current`, in order; a gap of a single page shows that page instead.
pub fn window(current: usize, total: usize) -> Vec<Slot> {
    let total = total.max(1);
    let current = current.clamp(1, total);
    let lo = current.saturating_sub(AROUND).max(1);
    let hi = (current + AROUND).min(total);
    let mut pages: Vec<usize> = Vec::with_capacity(2 * AROUND + 5);
    pages.push(1);
    pages.extend(lo.max(2)..=hi);
    if total > hi {
        pages.push(total);
    }
    let mut out = Vec::with_capacity(pages.len() + 2);
    let mut last = 0;
    for n in pages {
        if n == last + 2 {
            out.push(Slot::Page(last + 1));
        } else if n > last + 2 {
            out.push(Slot::Gap);
        }
        out.push(Slot::Page(n));
        last = n;
    }
    out
}

/// The `pagination` view of a list page: `current`, `total`, `prev`/`next` URLs and `pages`,
/// each `{number, url, current}` or `{gap: true}`. `url_of(n)` is page `n`'s URL.
pub fn view(current: usize, total: usize, url_of: impl Fn(usize) -> String) -> Value {
    let pages: Vec<Value> = window(current, total)
        .into_iter()
        .map(|slot| match slot {
            Slot::Page(n) => tv::map([
                ("number", n.into()),
                ("url", url_of(n).into()),
                ("current", (n == current).into()),
            ]),
            Slot::Gap => tv::map([("gap", true.into())]),
        })
        .collect();
    tv::map([
        ("current", current.into()),
        ("total", total.into()),
        ("prev", (current > 1).then(|| url_of(current - 1)).into()),
        ("next", (current < total).then(|| url_of(current + 1)).into()),
        ("pages", pages.into()),
    ])
}

#[cfg(test)]
mod tests {
    use super::Slot::{Gap, Page};
    use super::*;

    #[test]
    fn short_lists_show_every_page() {
        assert_eq!(window(1, 1), vec![Page(1)]);
        assert_eq!(window(2, 3), vec![Page(1), Page(2), Page(3)]);
        assert_eq!(window(1, 5), vec![Page(1), Page(2), Page(3), Page(4), Page(5)]);
    }

    #[test]
    fn long_lists_show_a_window_with_gaps() {
        assert_eq!(window(1, 440), vec![Page(1), Page(2), Page(3), Gap, Page(440)]);
        assert_eq!(
            window(100, 440),
            vec![
                Page(1),
                Gap,
                Page(98),
                Page(99),
                Page(100),
                Page(101),
                Page(102),
                Gap,
                Page(440)
            ]
        );
        assert_eq!(window(440, 440), vec![Page(1), Gap, Page(438), Page(439), Page(440)]);
    }

    #[test]
    fn a_gap_of_one_page_shows_the_page() {
        assert_eq!(
            window(4, 9),
            vec![Page(1), Page(2), Page(3), Page(4), Page(5), Page(6), Gap, Page(9)]
        );
        assert_eq!(
            window(6, 9),
            vec![Page(1), Gap, Page(4), Page(5), Page(6), Page(7), Page(8), Page(9)]
        );
    }

    #[test]
    fn the_window_is_bounded() {
        for total in [1, 2, 7, 50, 4400] {
            for current in 1..=total {
                let w = window(current, total);
                assert!(w.len() <= 2 * AROUND + 5, "{current}/{total}: {w:?}");
                assert!(w.contains(&Page(current)));
                assert!(w.contains(&Page(1)) && w.contains(&Page(total)));
            }
        }
    }

    #[test]
    fn out_of_range_current_is_clamped() {
        assert_eq!(window(0, 3), window(1, 3));
        assert_eq!(window(9, 3), window(3, 3));
    }
}
