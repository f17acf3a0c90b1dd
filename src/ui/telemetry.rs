//! Telemetry drawing helpers: text sparklines that work in any terminal.

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline of the last `width` values, scaled between their min and max.
pub fn sparkline(values: &[f64], width: usize) -> String {
    let start = values.len().saturating_sub(width);
    let shown = &values[start..];
    let finite = shown.iter().copied().filter(|v| v.is_finite());
    let (min, max) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    shown
        .iter()
        .map(|&v| {
            if !v.is_finite() {
                return ' ';
            }
            let span = max - min;
            let level = if span <= f64::EPSILON {
                3.0
            } else {
                (v - min) / span * 7.0
            };
            BARS[(level.round() as usize).min(7)]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_and_truncates() {
        assert_eq!(sparkline(&[0.0, 1.0, 2.0], 10), "▁▅█");
        assert_eq!(sparkline(&[5.0, 0.0, 7.0], 2), "▁█");
        assert_eq!(sparkline(&[1.0, 1.0], 5), "▄▄");
        assert_eq!(sparkline(&[], 5), "");
        assert_eq!(sparkline(&[f64::NAN, 1.0], 5), " ▄");
    }
}
