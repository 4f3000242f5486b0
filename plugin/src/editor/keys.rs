//! Keys the host takes before the window sees them.
//!
//! Some hosts (REAPER above all) treat Space, Backspace, the arrows, Return and Tab as their own
//! shortcuts even while a plugin window is focused, and hand them to the plugin through VST3's
//! `IPlugView::onKeyDown` instead. nice-plug passes those to
//! [`EditorHandle::on_virtual_key_from_host`]; [`KeyForwardingHandle`] queues them for the egui
//! frame, where [`HostKeys::apply`] turns them into ordinary egui events.
//!
//! A key can also arrive both ways (a host that forwards a key and still lets the window see
//! it). Each press from one source cancels an unmatched press of the same key from the other
//! source within [`SAME_PRESS`], so nothing is typed twice and nothing is lost.
//!
//! CLAP has no such call: there the window gets its keys natively, and egui-baseview's
//! `keyboard_focus_workaround` (enabled in Cargo.toml) takes the keyboard focus whenever a text
//! field is being edited, which is what Bitwig needs.

use nice_plug::editor::{EditorHandle, Modifiers as HostModifiers, ParentWindowHandle, VirtualKeyCode};
use nice_plug_egui::{EguiEditorHandle, RepaintNotifier};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Two presses of one key from the two sources closer than this are one press.
pub const SAME_PRESS: Duration = Duration::from_millis(150);

/// A key press the host handed over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HostKey {
    pub key: egui::Key,
    pub modifiers: egui::Modifiers,
    pub at: Instant,
}

/// Shared between the window's handle (host thread) and the egui frame (window thread).
pub struct HostKeys {
    queue: Mutex<Vec<HostKey>>,
    /// A text field of the editor has keyboard focus (updated every frame).
    editing: AtomicBool,
    repaint: RepaintNotifier,
}

/// Presses seen from each source and not yet matched by the other.
#[derive(Default)]
pub struct KeyDedup {
    from_host: Vec<(egui::Key, Instant)>,
    from_window: Vec<(egui::Key, Instant)>,
}

impl HostKeys {
    pub fn new(repaint: RepaintNotifier) -> Arc<HostKeys> {
        Arc::new(HostKeys { queue: Mutex::new(Vec::new()), editing: AtomicBool::new(false), repaint })
    }

    /// A key from the host. Returns whether the editor takes it (the host then skips its own
    /// shortcut): only while a text field is being edited, and only keys text editing uses.
    pub fn host_key(&self, key: VirtualKeyCode, is_down: bool, modifiers: HostModifiers) -> bool {
        if !self.editing.load(Ordering::Relaxed) {
            return false;
        }
        let Some(key) = translate_key(key) else { return false };
        if is_down {
            let k = HostKey { key, modifiers: translate_modifiers(modifiers), at: Instant::now() };
            self.queue.lock().unwrap_or_else(|e| e.into_inner()).push(k);
            self.repaint.request_repaint();
        }
        // The release of a key we took is ours too, or the host would act on it.
        true
    }

    /// Tell the handle whether a text field has keyboard focus.
    pub fn set_editing(&self, editing: bool) {
        self.editing.store(editing, Ordering::Relaxed);
    }

    /// At the start of a frame: add the host's keys to egui's input, dropping any press that
    /// also arrived through the window.
    pub fn apply(&self, ctx: &egui::Context, dedup: &mut KeyDedup) {
        let host: Vec<HostKey> = std::mem::take(&mut *self.queue.lock().unwrap_or_else(|e| e.into_inner()));
        let now = Instant::now();
        ctx.input_mut(|i| dedup.merge(&mut i.events, host, now));
    }
}

impl KeyDedup {
    /// Merge the host's presses into this frame's `events` (from the window).
    pub fn merge(&mut self, events: &mut Vec<egui::Event>, host: Vec<HostKey>, now: Instant) {
        let fresh = |at: &Instant| now.saturating_duration_since(*at) < SAME_PRESS;
        self.from_host.retain(|(_, at)| fresh(at));
        self.from_window.retain(|(_, at)| fresh(at));
        // Window presses the host already delivered are dropped.
        let from_host = &mut self.from_host;
        let from_window = &mut self.from_window;
        events.retain(|e| {
            let Some(key) = pressed_key(e) else { return true };
            if let Some(i) = from_host.iter().position(|(k, _)| *k == key) {
                from_host.remove(i);
                return false;
            }
            from_window.push((key, now));
            true
        });
        for k in host {
            if let Some(i) = from_window.iter().position(|(w, _)| *w == k.key) {
                from_window.remove(i);
                continue;
            }
            events.push(egui::Event::Key {
                key: k.key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: k.modifiers,
            });
            if k.key == egui::Key::Space && !k.modifiers.command && !k.modifiers.ctrl {
                events.push(egui::Event::Text(" ".into()));
            }
            from_host.push((k.key, k.at));
        }
    }
}

/// The key a window event presses, for matching (a typed space counts as Space).
fn pressed_key(e: &egui::Event) -> Option<egui::Key> {
    match e {
        egui::Event::Key { key, pressed: true, .. } if FORWARDED.contains(key) => Some(*key),
        egui::Event::Text(t) if t == " " => Some(egui::Key::Space),
        _ => None,
    }
}

/// Keys a host may take that text editing needs.
const FORWARDED: &[egui::Key] = &[
    egui::Key::Backspace,
    egui::Key::Delete,
    egui::Key::Tab,
    egui::Key::Enter,
    egui::Key::Escape,
    egui::Key::Home,
    egui::Key::End,
    egui::Key::ArrowLeft,
    egui::Key::ArrowRight,
    egui::Key::ArrowUp,
    egui::Key::ArrowDown,
    egui::Key::PageUp,
    egui::Key::PageDown,
    egui::Key::F3,
];

pub fn translate_key(key: VirtualKeyCode) -> Option<egui::Key> {
    use egui::Key as K;
    Some(match key {
        VirtualKeyCode::Backspace => K::Backspace,
        VirtualKeyCode::Delete => K::Delete,
        VirtualKeyCode::Tab => K::Tab,
        VirtualKeyCode::Return | VirtualKeyCode::NumpadEnter => K::Enter,
        VirtualKeyCode::Escape => K::Escape,
        VirtualKeyCode::Space => K::Space,
        VirtualKeyCode::Home => K::Home,
        VirtualKeyCode::End => K::End,
        VirtualKeyCode::ArrowLeft => K::ArrowLeft,
        VirtualKeyCode::ArrowRight => K::ArrowRight,
        VirtualKeyCode::ArrowUp => K::ArrowUp,
        VirtualKeyCode::ArrowDown => K::ArrowDown,
        VirtualKeyCode::PageUp => K::PageUp,
        VirtualKeyCode::PageDown => K::PageDown,
        VirtualKeyCode::F3 => K::F3,
        _ => return None,
    })
}

pub fn translate_modifiers(m: HostModifiers) -> egui::Modifiers {
    let command = m.contains(HostModifiers::COMMAND);
    let control = m.contains(HostModifiers::CONTROL);
    egui::Modifiers {
        alt: m.contains(HostModifiers::ALT),
        shift: m.contains(HostModifiers::SHIFT),
        // COMMAND is Ctrl on Windows and Linux, Cmd on macOS; CONTROL is the macOS Ctrl key.
        ctrl: if cfg!(target_os = "macos") { control } else { command || control },
        mac_cmd: cfg!(target_os = "macos") && command,
        command,
    }
}

/// The nice-plug-egui handle, with host keys routed to the editor.
pub struct KeyForwardingHandle {
    pub inner: EguiEditorHandle,
    pub keys: Arc<HostKeys>,
}

impl EditorHandle for KeyForwardingHandle {
    type Window = <EguiEditorHandle as EditorHandle>::Window;
    type Error = <EguiEditorHandle as EditorHandle>::Error;

    fn run_until_closed(window: Self::Window) -> Result<(), Self::Error> {
        EguiEditorHandle::run_until_closed(window)
    }

    fn set_parent(&self, parent: ParentWindowHandle, window: &Self::Window) -> Result<(), Self::Error> {
        self.inner.set_parent(parent, window)
    }

    fn show(&self, window: &Self::Window) -> Result<(), Self::Error> {
        self.inner.show(window)
    }

    fn hide(&self, window: &Self::Window) -> Result<(), Self::Error> {
        self.inner.hide(window)
    }

    fn set_size(
        &self,
        new_size: nice_plug::editor::dpi::NativeSize<u32>,
        window: &Self::Window,
    ) -> Result<(), Self::Error> {
        self.inner.set_size(new_size, window)
    }

    fn host_main_thread_callback(&self, window: &Self::Window) {
        self.inner.host_main_thread_callback(window)
    }

    fn adjust_size(
        &self,
        new_size: nice_plug::editor::dpi::NativeSize<u32>,
        window: &Self::Window,
    ) -> Option<nice_plug::editor::dpi::NativeSize<u32>> {
        self.inner.adjust_size(new_size, window)
    }

    fn set_fallback_scale_factor(&self, scale_factor: f64, window: &Self::Window) -> Result<(), Self::Error> {
        self.inner.set_fallback_scale_factor(scale_factor, window)
    }

    fn on_virtual_key_from_host(&self, key_code: VirtualKeyCode, is_down: bool, modifiers: HostModifiers) -> bool {
        self.keys.host_key(key_code, is_down, modifiers)
    }

    fn state_changed(&self) {
        self.inner.state_changed()
    }

    fn param_value_changed(&self, id: &str, normalized_value: f32) {
        self.inner.param_value_changed(id, normalized_value)
    }

    fn param_modulation_changed(&self, id: &str, modulation_offset: f32) {
        self.inner.param_modulation_changed(id, modulation_offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: egui::Key) -> egui::Event {
        egui::Event::Key { key, physical_key: None, pressed: true, repeat: false, modifiers: egui::Modifiers::NONE }
    }

    fn host(key: egui::Key, at: Instant) -> HostKey {
        HostKey { key, modifiers: egui::Modifiers::NONE, at }
    }

    fn count(events: &[egui::Event], key: egui::Key) -> usize {
        events.iter().filter(|e| pressed_key(e) == Some(key) && matches!(e, egui::Event::Key { .. })).count()
    }

    #[test]
    fn host_keys_become_egui_presses() {
        let mut d = KeyDedup::default();
        let now = Instant::now();
        let mut ev = Vec::new();
        d.merge(&mut ev, vec![host(egui::Key::Backspace, now), host(egui::Key::Backspace, now)], now);
        assert_eq!(count(&ev, egui::Key::Backspace), 2);
    }

    #[test]
    fn a_press_arriving_both_ways_counts_once() {
        let mut d = KeyDedup::default();
        let t0 = Instant::now();
        // Host first, window a frame later.
        let mut ev = Vec::new();
        d.merge(&mut ev, vec![host(egui::Key::ArrowLeft, t0)], t0);
        assert_eq!(count(&ev, egui::Key::ArrowLeft), 1);
        let mut ev = vec![press(egui::Key::ArrowLeft)];
        d.merge(&mut ev, vec![], t0 + Duration::from_millis(10));
        assert_eq!(count(&ev, egui::Key::ArrowLeft), 0);
        // Window first, host a frame later.
        let t1 = t0 + Duration::from_secs(1);
        let mut ev = vec![press(egui::Key::Enter)];
        d.merge(&mut ev, vec![], t1);
        assert_eq!(count(&ev, egui::Key::Enter), 1);
        let mut ev = Vec::new();
        d.merge(&mut ev, vec![host(egui::Key::Enter, t1)], t1 + Duration::from_millis(10));
        assert_eq!(count(&ev, egui::Key::Enter), 0);
    }

    #[test]
    fn a_host_space_types_a_space() {
        let mut d = KeyDedup::default();
        let now = Instant::now();
        let mut ev = Vec::new();
        d.merge(&mut ev, vec![host(egui::Key::Space, now)], now);
        assert!(ev.contains(&egui::Event::Text(" ".into())));
    }

    #[test]
    fn keys_pass_to_the_host_unless_editing() {
        let keys = HostKeys::new(RepaintNotifier::new());
        assert!(!keys.host_key(VirtualKeyCode::Space, true, HostModifiers::empty()));
        keys.set_editing(true);
        assert!(keys.host_key(VirtualKeyCode::Space, true, HostModifiers::empty()));
        assert!(keys.host_key(VirtualKeyCode::Space, false, HostModifiers::empty()));
        // Keys text editing has no use for stay with the host.
        assert!(!keys.host_key(VirtualKeyCode::MediaPlay, true, HostModifiers::empty()));
        assert_eq!(keys.queue.lock().unwrap().len(), 1);
    }
}
