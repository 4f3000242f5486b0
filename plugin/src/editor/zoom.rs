//! Whole-window zoom: every font, spacing and control scaled together, without resizing the
//! host's window (egui's own zoom would ask the host for a window that many times larger).

use crate::state::EditorSettings;
use egui::{Key, KeyboardShortcut, Modifiers};

/// The zoom levels Ctrl+= and Ctrl+- step through.
pub const STEPS: [f32; 11] = [0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0];

pub const IN: [KeyboardShortcut; 2] =
    [KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals), KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus)];
pub const OUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
pub const RESET: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);

/// The next step above (or below) `zoom`, within 75-300 %.
pub fn step(zoom: f32, larger: bool) -> f32 {
    let next = if larger {
        STEPS.iter().copied().find(|&s| s > zoom + 1e-3)
    } else {
        STEPS.iter().rev().copied().find(|&s| s < zoom - 1e-3)
    };
    next.unwrap_or(zoom).clamp(EditorSettings::MIN_ZOOM, EditorSettings::MAX_ZOOM)
}

/// The zoom the keys of this frame ask for, if any (the keys are consumed).
pub fn keys(input: &mut egui::InputState, zoom: f32) -> Option<f32> {
    let mut z = zoom;
    if IN.iter().any(|k| input.consume_shortcut(k)) {
        z = step(z, true);
    }
    if input.consume_shortcut(&OUT) {
        z = step(z, false);
    }
    if input.consume_shortcut(&RESET) {
        z = 1.0;
    }
    (z != zoom).then_some(z)
}

fn margin(m: egui::Margin, zoom: f32) -> egui::Margin {
    let s = |v: i8| (v as f32 * zoom).round().clamp(-128.0, 127.0) as i8;
    egui::Margin { left: s(m.left), right: s(m.right), top: s(m.top), bottom: s(m.bottom) }
}

/// `base` with every text size and spacing multiplied by `zoom`.
pub fn scaled(base: &egui::Style, zoom: f32) -> egui::Style {
    let mut s = base.clone();
    for font in s.text_styles.values_mut() {
        font.size *= zoom;
    }
    let sp = &mut s.spacing;
    sp.item_spacing *= zoom;
    sp.button_padding *= zoom;
    sp.window_margin = margin(sp.window_margin, zoom);
    sp.menu_margin = margin(sp.menu_margin, zoom);
    sp.indent *= zoom;
    sp.interact_size *= zoom;
    sp.slider_width *= zoom;
    sp.slider_rail_height *= zoom;
    sp.combo_width *= zoom;
    sp.combo_height *= zoom;
    sp.text_edit_width *= zoom;
    sp.icon_width *= zoom;
    sp.icon_width_inner *= zoom;
    sp.icon_spacing *= zoom;
    sp.tooltip_width *= zoom;
    sp.menu_width *= zoom;
    sp.scroll.bar_width *= zoom;
    sp.scroll.floating_width *= zoom;
    sp.scroll.floating_allocated_width *= zoom;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_between_75_and_300_percent() {
        assert_eq!(step(1.0, true), 1.1);
        assert_eq!(step(1.0, false), 0.9);
        assert_eq!(step(0.75, false), 0.75);
        assert_eq!(step(3.0, true), 3.0);
        // From a value between steps, to the neighbouring step.
        assert_eq!(step(1.3, true), 1.5);
        assert_eq!(step(1.3, false), 1.25);
        let mut z = 1.0;
        for _ in 0..20 {
            z = step(z, true);
        }
        assert_eq!(z, 3.0);
    }

    #[test]
    fn scaling_multiplies_fonts_and_spacing() {
        let base = egui::Style::default();
        let s = scaled(&base, 2.0);
        let body = |st: &egui::Style| st.text_styles[&egui::TextStyle::Body].size;
        assert_eq!(body(&s), 2.0 * body(&base));
        assert_eq!(s.spacing.interact_size, base.spacing.interact_size * 2.0);
    }
}
