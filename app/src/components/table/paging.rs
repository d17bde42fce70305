//! Paging: which rows of the sorted list are on show.

/// The rows of the page on show, with where they sit in the whole list.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ShownPage<T> {
    pub(super) page: usize,
    pub(super) pages: usize,
    pub(super) total: usize,
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) rows: Vec<T>,
}

/// Which page of `total` rows to show: the 1-based page, clamped to the last page, and the row range.
pub fn page_window(
    total: usize,
    page_size: usize,
    requested: usize,
) -> (usize, usize, std::ops::Range<usize>) {
    let size = page_size.max(1);
    let pages = total.div_ceil(size).max(1);
    let page = requested.clamp(1, pages);
    let start = (page - 1) * size;
    (page, pages, start..(start + size).min(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_clamp_to_what_exists() {
        assert_eq!(page_window(120, 50, 1), (1, 3, 0..50));
        assert_eq!(page_window(120, 50, 3), (3, 3, 100..120));
        assert_eq!(page_window(120, 50, 9), (3, 3, 100..120));
        assert_eq!(page_window(0, 50, 2), (1, 1, 0..0));
        assert_eq!(page_window(10, 0, 0), (1, 10, 0..1));
    }
}
