//! A minimal CLAP host: loads a bundle with `dlopen`, creates a plugin, activates it and runs
//! `process()` on plain buffers, as a DAW would, with parameter and note events, transport,
//! several output ports, and state save and load through the plugin's extensions.

use clap_sys::audio_buffer::clap_audio_buffer;
use clap_sys::entry::clap_plugin_entry;
use clap_sys::events::{
    clap_event_header, clap_event_note, clap_event_param_value, clap_event_transport, clap_input_events,
    clap_output_events, CLAP_CORE_EVENT_SPACE_ID, CLAP_EVENT_NOTE_OFF, CLAP_EVENT_NOTE_ON, CLAP_EVENT_PARAM_VALUE,
    CLAP_TRANSPORT_HAS_BEATS_TIMELINE, CLAP_TRANSPORT_HAS_SECONDS_TIMELINE, CLAP_TRANSPORT_HAS_TEMPO,
    CLAP_TRANSPORT_HAS_TIME_SIGNATURE, CLAP_TRANSPORT_IS_PLAYING,
};
use clap_sys::ext::audio_ports::{clap_audio_port_info, clap_plugin_audio_ports, CLAP_EXT_AUDIO_PORTS};
use clap_sys::ext::params::{clap_param_info, clap_plugin_params, CLAP_EXT_PARAMS};
use clap_sys::ext::state::{clap_plugin_state, CLAP_EXT_STATE};
use clap_sys::factory::plugin_factory::{clap_plugin_factory, CLAP_PLUGIN_FACTORY_ID};
use clap_sys::fixedpoint::{CLAP_BEATTIME_FACTOR, CLAP_SECTIME_FACTOR};
use clap_sys::host::clap_host;
use clap_sys::plugin::clap_plugin;
use clap_sys::process::clap_process;
use clap_sys::stream::{clap_istream, clap_ostream};
use clap_sys::version::CLAP_VERSION;
use std::ffi::{c_char, c_void, CStr, CString};
use std::path::Path;
use std::ptr;

unsafe extern "C" fn host_get_extension(_h: *const clap_host, _id: *const c_char) -> *const c_void {
    ptr::null()
}
unsafe extern "C" fn host_request(_h: *const clap_host) {}

/// An event the host sends in a block, at a sample offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Event {
    /// A parameter change; `value` in CLAP units (nice-plug: normalized, or the step for
    /// stepped parameters, so 0/1 for switches).
    Param {
        time: u32,
        id: u32,
        value: f64,
    },
    Note {
        time: u32,
        on: bool,
        channel: i16,
        key: i16,
        velocity: f64,
    },
}

impl Event {
    fn time(&self) -> u32 {
        match *self {
            Event::Param { time, .. } | Event::Note { time, .. } => time,
        }
    }
}

/// The host's transport at the first sample of a block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HostTransport {
    pub playing: bool,
    pub beats: f64,
    pub bpm: f64,
}

/// One `process()` call.
pub struct Block<'a> {
    pub frames: usize,
    /// Stereo output ports to give buffers for.
    pub ports: usize,
    /// Main stereo input (silence when `None`).
    pub input: Option<[&'a [f32]; 2]>,
    pub transport: Option<HostTransport>,
    /// In time order.
    pub events: &'a [Event],
}

/// A note the plugin sent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NoteOut {
    pub time: u32,
    pub on: bool,
    pub channel: i16,
    pub key: i16,
    pub velocity: f64,
}

/// What one `process()` call produced.
pub struct Output {
    /// `[port][channel][frame]`.
    pub ports: Vec<[Vec<f32>; 2]>,
    pub notes: Vec<NoteOut>,
}

/// A parameter as the plugin describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamInfo {
    pub id: u32,
    pub name: String,
    pub min: f64,
    pub max: f64,
    pub default: f64,
}

/// A loaded library and its entry point.
pub struct Library {
    lib: libloading::Library,
    entry: *const clap_plugin_entry,
    _path: CString,
}

impl Library {
    /// `dlopen` the bundle and call `clap_entry.init`.
    pub fn load(path: &Path) -> Result<Library, String> {
        let lib = unsafe { libloading::Library::new(path) }.map_err(|e| format!("dlopen {}: {e}", path.display()))?;
        let entry: *const clap_plugin_entry = unsafe {
            let sym: libloading::Symbol<*const clap_plugin_entry> =
                lib.get(b"clap_entry\0").map_err(|e| format!("clap_entry: {e}"))?;
            *sym
        };
        let cpath = CString::new(path.to_string_lossy().as_bytes()).map_err(|e| e.to_string())?;
        let ok = unsafe { ((*entry).init.ok_or("no init")?)(cpath.as_ptr()) };
        if !ok {
            return Err("clap_entry.init failed".into());
        }
        Ok(Library { lib, entry, _path: cpath })
    }

    fn factory(&self) -> Result<*const clap_plugin_factory, String> {
        let f = unsafe { ((*self.entry).get_factory.ok_or("no get_factory")?)(CLAP_PLUGIN_FACTORY_ID.as_ptr()) };
        if f.is_null() {
            return Err("no plugin factory".into());
        }
        Ok(f as *const clap_plugin_factory)
    }

    /// Ids of the plugins in the bundle.
    pub fn plugin_ids(&self) -> Result<Vec<String>, String> {
        let f = self.factory()?;
        unsafe {
            let n = ((*f).get_plugin_count.ok_or("no count")?)(f);
            let mut ids = Vec::new();
            for i in 0..n {
                let d = ((*f).get_plugin_descriptor.ok_or("no descriptor")?)(f, i);
                if !d.is_null() {
                    ids.push(CStr::from_ptr((*d).id).to_string_lossy().into_owned());
                }
            }
            Ok(ids)
        }
    }

    /// Create and initialise plugin `id`.
    pub fn create(&self, id: &str) -> Result<Instance<'_>, String> {
        let f = self.factory()?;
        let host = Box::new(clap_host {
            clap_version: CLAP_VERSION,
            host_data: ptr::null_mut(),
            name: c"phonon-test-host".as_ptr(),
            vendor: c"phonon".as_ptr(),
            url: c"".as_ptr(),
            version: c"1".as_ptr(),
            get_extension: Some(host_get_extension),
            request_restart: Some(host_request),
            request_process: Some(host_request),
            request_callback: Some(host_request),
        });
        let cid = CString::new(id).map_err(|e| e.to_string())?;
        let plugin = unsafe { ((*f).create_plugin.ok_or("no create")?)(f, &*host, cid.as_ptr()) };
        if plugin.is_null() {
            return Err(format!("create_plugin({id}) returned null"));
        }
        if !unsafe { ((*plugin).init.ok_or("no init")?)(plugin) } {
            return Err("plugin init failed".into());
        }
        Ok(Instance { plugin, _host: host, _lib: self, active: false, processing: false })
    }
}

impl Drop for Library {
    fn drop(&mut self) {
        unsafe {
            if let Some(deinit) = (*self.entry).deinit {
                deinit();
            }
        }
        let _ = &self.lib;
    }
}

/// A plugin instance.
pub struct Instance<'a> {
    plugin: *const clap_plugin,
    _host: Box<clap_host>,
    _lib: &'a Library,
    active: bool,
    processing: bool,
}

/// The input event list handed to `process()`.
struct InList {
    events: Vec<*const clap_event_header>,
}

unsafe extern "C" fn in_size(l: *const clap_input_events) -> u32 {
    unsafe { (&*((*l).ctx as *const InList)).events.len() as u32 }
}
unsafe extern "C" fn in_get(l: *const clap_input_events, i: u32) -> *const clap_event_header {
    unsafe { (&*((*l).ctx as *const InList)).events.get(i as usize).copied().unwrap_or(ptr::null()) }
}
unsafe extern "C" fn out_push(l: *const clap_output_events, e: *const clap_event_header) -> bool {
    unsafe {
        let notes = &mut *((*l).ctx as *mut Vec<NoteOut>);
        if (*e).space_id == CLAP_CORE_EVENT_SPACE_ID && matches!((*e).type_, CLAP_EVENT_NOTE_ON | CLAP_EVENT_NOTE_OFF) {
            let n = &*(e as *const clap_event_note);
            notes.push(NoteOut {
                time: (*e).time,
                on: (*e).type_ == CLAP_EVENT_NOTE_ON,
                channel: n.channel,
                key: n.key,
                velocity: n.velocity,
            });
        }
    }
    true
}

unsafe extern "C" fn write_vec(s: *const clap_ostream, buf: *const c_void, size: u64) -> i64 {
    unsafe {
        let v = &mut *((*s).ctx as *mut Vec<u8>);
        v.extend_from_slice(std::slice::from_raw_parts(buf as *const u8, size as usize));
    }
    size as i64
}

/// A read cursor over saved bytes.
struct ReadCursor<'a> {
    data: &'a [u8],
    at: usize,
}

unsafe extern "C" fn read_slice(s: *const clap_istream, buf: *mut c_void, size: u64) -> i64 {
    unsafe {
        let c = &mut *((*s).ctx as *mut ReadCursor);
        let n = (size as usize).min(c.data.len() - c.at);
        ptr::copy_nonoverlapping(c.data[c.at..].as_ptr(), buf as *mut u8, n);
        c.at += n;
        n as i64
    }
}

fn name_of(chars: &[c_char]) -> String {
    let bytes: Vec<u8> = chars.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

impl Instance<'_> {
    pub fn activate(&mut self, sample_rate: f64, max_frames: u32) -> Result<(), String> {
        unsafe {
            if !((*self.plugin).activate.ok_or("no activate")?)(self.plugin, sample_rate, 1, max_frames) {
                return Err("activate failed".into());
            }
            self.active = true;
            if !((*self.plugin).start_processing.ok_or("no start_processing")?)(self.plugin) {
                return Err("start_processing failed".into());
            }
            self.processing = true;
        }
        Ok(())
    }

    /// Stop processing and deactivate (a host closing the project, or before re-activation).
    pub fn deactivate(&mut self) {
        unsafe {
            if self.processing {
                if let Some(f) = (*self.plugin).stop_processing {
                    f(self.plugin);
                }
                self.processing = false;
            }
            if self.active {
                if let Some(f) = (*self.plugin).deactivate {
                    f(self.plugin);
                }
                self.active = false;
            }
        }
    }

    fn extension<T>(&self, id: &CStr) -> Option<&T> {
        let get = unsafe { (*self.plugin).get_extension? };
        let p = unsafe { get(self.plugin, id.as_ptr()) } as *const T;
        unsafe { p.as_ref() }
    }

    /// Every parameter, in the plugin's order.
    pub fn params(&self) -> Vec<ParamInfo> {
        let Some(ext) = self.extension::<clap_plugin_params>(CLAP_EXT_PARAMS) else { return Vec::new() };
        let (Some(count), Some(get)) = (ext.count, ext.get_info) else { return Vec::new() };
        let n = unsafe { count(self.plugin) };
        (0..n)
            .filter_map(|i| {
                let mut info: clap_param_info = unsafe { std::mem::zeroed() };
                unsafe { get(self.plugin, i, &mut info) }.then(|| ParamInfo {
                    id: info.id,
                    name: name_of(&info.name),
                    min: info.min_value,
                    max: info.max_value,
                    default: info.default_value,
                })
            })
            .collect()
    }

    /// The parameter the host shows as `name`.
    pub fn param(&self, name: &str) -> Result<ParamInfo, String> {
        let all = self.params();
        all.iter().find(|p| p.name == name).cloned().ok_or_else(|| {
            format!("no parameter {name:?}; there are {:?}", all.iter().map(|p| &p.name).collect::<Vec<_>>())
        })
    }

    pub fn param_value(&self, id: u32) -> Option<f64> {
        let ext = self.extension::<clap_plugin_params>(CLAP_EXT_PARAMS)?;
        let mut v = 0.0;
        unsafe { (ext.get_value?)(self.plugin, id, &mut v) }.then_some(v)
    }

    /// The plugin's state, as a host saves it in a project.
    pub fn save_state(&self) -> Result<Vec<u8>, String> {
        let ext = self.extension::<clap_plugin_state>(CLAP_EXT_STATE).ok_or("no state extension")?;
        let mut bytes: Vec<u8> = Vec::new();
        let stream = clap_ostream { ctx: &mut bytes as *mut Vec<u8> as *mut c_void, write: Some(write_vec) };
        if unsafe { (ext.save.ok_or("no save")?)(self.plugin, &stream) } {
            Ok(bytes)
        } else {
            Err("state save failed".into())
        }
    }

    /// Restore a state; whether the plugin accepted it.
    pub fn load_state(&self, bytes: &[u8]) -> Result<bool, String> {
        let ext = self.extension::<clap_plugin_state>(CLAP_EXT_STATE).ok_or("no state extension")?;
        let mut cursor = ReadCursor { data: bytes, at: 0 };
        let stream = clap_istream { ctx: &mut cursor as *mut ReadCursor as *mut c_void, read: Some(read_slice) };
        Ok(unsafe { (ext.load.ok_or("no load")?)(self.plugin, &stream) })
    }

    /// Names and channel counts of the audio ports.
    pub fn audio_ports(&self, input: bool) -> Vec<(String, u32)> {
        let Some(ext) = self.extension::<clap_plugin_audio_ports>(CLAP_EXT_AUDIO_PORTS) else { return Vec::new() };
        let (Some(count), Some(get)) = (ext.count, ext.get) else { return Vec::new() };
        let n = unsafe { count(self.plugin, input) };
        (0..n)
            .filter_map(|i| {
                let mut info: clap_audio_port_info = unsafe { std::mem::zeroed() };
                unsafe { get(self.plugin, i, input, &mut info) }.then(|| (name_of(&info.name), info.channel_count))
            })
            .collect()
    }

    /// Run one `process()` call with a stereo input (silence) and `ports` stereo output
    /// ports of `frames` samples; returns the outputs, `[port][channel][frame]`.
    pub fn process(&mut self, frames: usize, ports: usize, _steady_time: i64) -> Result<Vec<[Vec<f32>; 2]>, String> {
        Ok(self.run(&Block { frames, ports, input: None, transport: None, events: &[] })?.ports)
    }

    /// Run one `process()` call.
    pub fn run(&mut self, b: &Block) -> Result<Output, String> {
        let frames = b.frames;
        let mut input = match b.input {
            Some([l, r]) => [l[..frames].to_vec(), r[..frames].to_vec()],
            None => [vec![0.0f32; frames], vec![0.0f32; frames]],
        };
        let mut in_ptrs = [input[0].as_mut_ptr(), input[1].as_mut_ptr()];
        let in_buf = clap_audio_buffer {
            data32: in_ptrs.as_mut_ptr(),
            data64: ptr::null_mut(),
            channel_count: 2,
            latency: 0,
            constant_mask: 0,
        };
        let mut outs: Vec<[Vec<f32>; 2]> = (0..b.ports).map(|_| [vec![0.0; frames], vec![0.0; frames]]).collect();
        let mut out_ptrs: Vec<[*mut f32; 2]> = outs.iter_mut().map(|[l, r]| [l.as_mut_ptr(), r.as_mut_ptr()]).collect();
        let mut out_bufs: Vec<clap_audio_buffer> = out_ptrs
            .iter_mut()
            .map(|p| clap_audio_buffer {
                data32: p.as_mut_ptr(),
                data64: ptr::null_mut(),
                channel_count: 2,
                latency: 0,
                constant_mask: 0,
            })
            .collect();

        // Events, as CLAP structs that stay put while the plugin reads them.
        let mut events: Vec<&Event> = b.events.iter().collect();
        events.sort_by_key(|e| e.time());
        let params: Vec<clap_event_param_value> = events
            .iter()
            .filter_map(|e| match **e {
                Event::Param { time, id, value } => Some(clap_event_param_value {
                    header: header::<clap_event_param_value>(time, CLAP_EVENT_PARAM_VALUE),
                    param_id: id,
                    cookie: ptr::null_mut(),
                    note_id: -1,
                    port_index: -1,
                    channel: -1,
                    key: -1,
                    value,
                }),
                _ => None,
            })
            .collect();
        let notes: Vec<clap_event_note> = events
            .iter()
            .filter_map(|e| match **e {
                Event::Note { time, on, channel, key, velocity } => Some(clap_event_note {
                    header: header::<clap_event_note>(time, if on { CLAP_EVENT_NOTE_ON } else { CLAP_EVENT_NOTE_OFF }),
                    note_id: -1,
                    port_index: 0,
                    channel,
                    key,
                    velocity,
                }),
                _ => None,
            })
            .collect();
        let mut list = InList { events: Vec::new() };
        let (mut pi, mut ni) = (params.iter(), notes.iter());
        for e in &events {
            let h = match e {
                Event::Param { .. } => pi.next().map(|p| &p.header as *const clap_event_header),
                Event::Note { .. } => ni.next().map(|n| &n.header as *const clap_event_header),
            };
            list.events.extend(h);
        }
        let in_events =
            clap_input_events { ctx: &list as *const InList as *mut c_void, size: Some(in_size), get: Some(in_get) };
        let mut sent: Vec<NoteOut> = Vec::new();
        let out_events =
            clap_output_events { ctx: &mut sent as *mut Vec<NoteOut> as *mut c_void, try_push: Some(out_push) };

        let transport = b.transport.map(|t| clap_event_transport {
            header: header::<clap_event_transport>(0, clap_sys::events::CLAP_EVENT_TRANSPORT),
            flags: CLAP_TRANSPORT_HAS_TEMPO
                | CLAP_TRANSPORT_HAS_BEATS_TIMELINE
                | CLAP_TRANSPORT_HAS_SECONDS_TIMELINE
                | CLAP_TRANSPORT_HAS_TIME_SIGNATURE
                | if t.playing { CLAP_TRANSPORT_IS_PLAYING } else { 0 },
            song_pos_beats: (t.beats * CLAP_BEATTIME_FACTOR as f64).round() as i64,
            song_pos_seconds: (t.beats * 60.0 / t.bpm * CLAP_SECTIME_FACTOR as f64).round() as i64,
            tempo: t.bpm,
            tempo_inc: 0.0,
            loop_start_beats: 0,
            loop_end_beats: 0,
            loop_start_seconds: 0,
            loop_end_seconds: 0,
            bar_start: ((t.beats / 4.0).floor() * 4.0 * CLAP_BEATTIME_FACTOR as f64) as i64,
            bar_number: (t.beats / 4.0).floor() as i32,
            tsig_num: 4,
            tsig_denom: 4,
        });
        let proc = clap_process {
            steady_time: -1,
            frames_count: frames as u32,
            transport: transport.as_ref().map_or(ptr::null(), |t| t as *const clap_event_transport),
            audio_inputs: &in_buf,
            audio_outputs: out_bufs.as_mut_ptr(),
            audio_inputs_count: 1,
            audio_outputs_count: b.ports as u32,
            in_events: &in_events,
            out_events: &out_events,
        };
        let status = unsafe { ((*self.plugin).process.ok_or("no process")?)(self.plugin, &proc) };
        if status == clap_sys::process::CLAP_PROCESS_ERROR {
            return Err("process returned an error".into());
        }
        Ok(Output { ports: outs, notes: sent })
    }
}

fn header<T>(time: u32, type_: u16) -> clap_event_header {
    clap_event_header {
        size: std::mem::size_of::<T>() as u32,
        time,
        space_id: CLAP_CORE_EVENT_SPACE_ID,
        type_,
        flags: 0,
    }
}

impl Drop for Instance<'_> {
    fn drop(&mut self) {
        self.deactivate();
        unsafe {
            if let Some(f) = (*self.plugin).destroy {
                f(self.plugin);
            }
        }
    }
}
