//! A minimal CLAP host: loads a bundle with `dlopen`, creates a plugin, activates it and runs
//! `process()` on plain buffers, as a DAW would. Enough to hear what the built plugin plays.

use clap_sys::audio_buffer::clap_audio_buffer;
use clap_sys::entry::clap_plugin_entry;
use clap_sys::events::{clap_event_header, clap_input_events, clap_output_events};
use clap_sys::factory::plugin_factory::{clap_plugin_factory, CLAP_PLUGIN_FACTORY_ID};
use clap_sys::host::clap_host;
use clap_sys::plugin::clap_plugin;
use clap_sys::process::clap_process;
use clap_sys::version::CLAP_VERSION;
use std::ffi::{c_char, c_void, CStr, CString};
use std::path::Path;
use std::ptr;

unsafe extern "C" fn host_get_extension(_h: *const clap_host, _id: *const c_char) -> *const c_void {
    ptr::null()
}
unsafe extern "C" fn host_request(_h: *const clap_host) {}

unsafe extern "C" fn in_size(_l: *const clap_input_events) -> u32 {
    0
}
unsafe extern "C" fn in_get(_l: *const clap_input_events, _i: u32) -> *const clap_event_header {
    ptr::null()
}
unsafe extern "C" fn out_push(_l: *const clap_output_events, _e: *const clap_event_header) -> bool {
    true
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

    /// Run one `process()` call with a stereo input (silence) and `outputs` stereo output
    /// ports of `frames` samples; returns the outputs, `[port][channel][frame]`.
    pub fn process(&mut self, frames: usize, ports: usize, steady_time: i64) -> Result<Vec<[Vec<f32>; 2]>, String> {
        let mut input = [vec![0.0f32; frames], vec![0.0f32; frames]];
        let mut in_ptrs = [input[0].as_mut_ptr(), input[1].as_mut_ptr()];
        let in_buf = clap_audio_buffer {
            data32: in_ptrs.as_mut_ptr(),
            data64: ptr::null_mut(),
            channel_count: 2,
            latency: 0,
            constant_mask: 0,
        };
        let mut outs: Vec<[Vec<f32>; 2]> = (0..ports).map(|_| [vec![0.0; frames], vec![0.0; frames]]).collect();
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
        let in_events = clap_input_events { ctx: ptr::null_mut(), size: Some(in_size), get: Some(in_get) };
        let out_events = clap_output_events { ctx: ptr::null_mut(), try_push: Some(out_push) };
        let proc = clap_process {
            steady_time,
            frames_count: frames as u32,
            transport: ptr::null(),
            audio_inputs: &in_buf,
            audio_outputs: out_bufs.as_mut_ptr(),
            audio_inputs_count: 1,
            audio_outputs_count: ports as u32,
            in_events: &in_events,
            out_events: &out_events,
        };
        let status = unsafe { ((*self.plugin).process.ok_or("no process")?)(self.plugin, &proc) };
        if status == clap_sys::process::CLAP_PROCESS_ERROR {
            return Err("process returned an error".into());
        }
        Ok(outs)
    }
}

impl Drop for Instance<'_> {
    fn drop(&mut self) {
        unsafe {
            if self.processing {
                if let Some(f) = (*self.plugin).stop_processing {
                    f(self.plugin);
                }
            }
            if self.active {
                if let Some(f) = (*self.plugin).deactivate {
                    f(self.plugin);
                }
            }
            if let Some(f) = (*self.plugin).destroy {
                f(self.plugin);
            }
        }
    }
}
