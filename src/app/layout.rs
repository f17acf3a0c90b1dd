//! Screen layout as pure functions of the terminal size, shared by the
//! drawing code and the store (which needs the page height for scrolling).

use ratatui::layout::Rect;

/// At or above this width the details panel sits beside the table.
pub const SIDE_BY_SIDE_WIDTH: u16 = 120;
/// Most jobs the strip shows.
pub const JOBS_STRIP_ROWS: u16 = 4;

/// Height of the jobs strip for this many jobs: a title line plus one line
/// per job (one line saying there are none), at most [`JOBS_STRIP_ROWS`].
pub fn jobs_strip_height(jobs: usize) -> u16 {
    1 + (jobs as u16).clamp(1, JOBS_STRIP_ROWS)
}

/// The regions of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// Where the servers table goes (empty when details cover it).
    pub table: Rect,
    pub details: Option<Rect>,
    /// The whole main region, for full-screen views.
    pub main_full: Rect,
    pub jobs: Rect,
    pub message: Rect,
    pub hints: Rect,
}

pub fn areas(area: Rect, details_open: bool, jobs: usize) -> Areas {
    let height = area.height;
    let header = Rect {
        height: 1.min(height),
        ..area
    };
    let hints = Rect {
        y: area.y + height.saturating_sub(1),
        height: 1.min(height),
        ..area
    };
    let message = Rect {
        y: area.y + height.saturating_sub(2),
        height: u16::from(height >= 2),
        ..area
    };
    let jobs_height = if height >= 16 {
        jobs_strip_height(jobs)
    } else {
        0
    };
    let jobs = Rect {
        y: message.y.saturating_sub(jobs_height),
        height: jobs_height,
        ..area
    };
    let main_full = Rect {
        y: area.y + header.height,
        height: height.saturating_sub(header.height + jobs_height + 2),
        ..area
    };
    let (table, details) = split_main(main_full, details_open);
    Areas {
        header,
        table,
        details,
        main_full,
        jobs,
        message,
        hints,
    }
}

fn split_main(main: Rect, details_open: bool) -> (Rect, Option<Rect>) {
    if !details_open {
        return (main, None);
    }
    if main.width < SIDE_BY_SIDE_WIDTH {
        return (Rect { height: 0, ..main }, Some(main));
    }
    let table_width = main.width * 3 / 5;
    let table = Rect {
        width: table_width,
        ..main
    };
    let details = Rect {
        x: main.x + table_width,
        width: main.width - table_width,
        ..main
    };
    (table, Some(details))
}

/// How many data rows the servers table shows at this size.
pub fn table_rows(size: (u16, u16), details_open: bool, jobs: usize) -> usize {
    let area = Rect::new(0, 0, size.0, size.1);
    let table = areas(area, details_open, jobs).table;
    let rows = usize::from(table.height.saturating_sub(3));
    if rows == 0 {
        // Details cover the table: keep scrolling as if it were visible.
        usize::from(areas(area, false, jobs).table.height.saturating_sub(3)).max(1)
    } else {
        rows
    }
}

/// The two stacked tables of the colocation view: the top half and the rest.
pub fn stacked(area: Rect) -> (Rect, Rect) {
    let top = area.height / 2;
    let upper = Rect {
        height: top,
        ..area
    };
    let lower = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    (upper, lower)
}

/// How many data rows each of the two stacked tables shows at this size.
pub fn stacked_rows(size: (u16, u16), details_open: bool, jobs: usize) -> (usize, usize) {
    let height = table_rows(size, details_open, jobs) as u16 + 3;
    let (upper, lower) = stacked(Rect::new(0, 0, size.0, height));
    let rows = |r: Rect| usize::from(r.height.saturating_sub(3)).max(1);
    (rows(upper), rows(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_fit_80x24() {
        let a = areas(Rect::new(0, 0, 80, 24), false, 3);
        assert_eq!(a.header.y, 0);
        assert_eq!(a.hints.y, 23);
        assert_eq!(a.message.y, 22);
        assert_eq!(a.jobs.y + a.jobs.height, 22);
        assert_eq!(a.table.y + a.table.height, a.jobs.y);
        assert_eq!(table_rows((80, 24), false, 3), 14);
        assert_eq!(table_rows((80, 24), false, 0), 16);
    }

    #[test]
    fn details_beside_when_wide_and_over_when_narrow() {
        let wide = areas(Rect::new(0, 0, 160, 48), true, 0);
        assert!(wide.table.width > 0 && wide.details.is_some());
        let narrow = areas(Rect::new(0, 0, 80, 24), true, 0);
        assert_eq!(narrow.table.height, 0);
        assert_eq!(narrow.details, Some(narrow.main_full));
    }

    #[test]
    fn tiny_terminals_do_not_underflow() {
        for h in 0..6 {
            let _ = areas(Rect::new(0, 0, 10, h), true, 9);
            let _ = table_rows((10, h), false, 9);
            let _ = stacked_rows((10, h), true, 9);
        }
    }

    #[test]
    fn stacked_tables_share_the_table_area() {
        let (upper, lower) = stacked(Rect::new(0, 1, 80, 17));
        assert_eq!((upper.y, upper.height), (1, 8));
        assert_eq!((lower.y, lower.height), (9, 9));
        assert_eq!(stacked_rows((80, 24), false, 0), (6, 7));
    }
}
