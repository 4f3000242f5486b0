//! The VST3 entry point: nice-plug's VST3 wrapper behind a thin guard that gives Phonon Multi's
//! auxiliary outputs scratch buffers when a host gives them none.
//!
//! Why: nice-plug 0.4.2 does not run a plugin at all in a block where any output has no buffer
//! (the plugin is silent), and when a host passes fewer output buses than the plugin declares it
//! reads past the host's bus array (a crash). Hosts built on JUCE do both when the user or the
//! host disables extra buses (pedalboard always does). The guard hands nice-plug a full set of
//! buses: the host's where it gave them, scratch where it did not (written, never read), so the
//! main output keeps playing `out:`, or the sum of the numbered outputs. Everything else goes to
//! nice-plug's wrapper unchanged.

use crate::params::OUTPUTS;
use crate::{Phonon, PhononMulti};
use nice_plug::prelude::Vst3Plugin;
use nice_plug::wrapper::vst3::vst3::Steinberg::Vst::ChannelContext::IInfoListener;
use nice_plug::wrapper::vst3::vst3::Steinberg::Vst::{
    AudioBusBuffers, AudioBusBuffers__type0, BusDirection, CString, ChannelContext::IInfoListenerTrait, CtrlNumber,
    IAttributeList, IAudioProcessor, IAudioProcessorTrait, IComponent, IComponentHandler, IComponentTrait,
    IEditController, IEditControllerTrait, IMidiMapping, IMidiMappingTrait, INoteExpressionController,
    INoteExpressionControllerTrait, IProcessContextRequirements, IProcessContextRequirementsTrait, IUnitInfo,
    IUnitInfoTrait, IoMode, MediaType, NoteExpressionTypeID, NoteExpressionTypeInfo, NoteExpressionValue, ParamID,
    ParamValue, ParameterInfo, ProcessData, ProcessSetup, ProgramListID, ProgramListInfo, SpeakerArrangement,
    String128, TChar, UnitID, UnitInfo,
};
use nice_plug::wrapper::vst3::vst3::Steinberg::{
    int16, int32, kInvalidArgument, kResultOk, tresult, uint32, FIDString, FUnknown, IBStream, IPlugView,
    IPluginBaseTrait, IPluginFactory, IPluginFactory2, IPluginFactory2Trait, IPluginFactory3, IPluginFactory3Trait,
    IPluginFactoryTrait, PClassInfo, PClassInfo2, PClassInfoW, PFactoryInfo, TBool, TUID,
};
use nice_plug::wrapper::vst3::vst3::{self, Class, ComWrapper};
use nice_plug::wrapper::vst3::{PluginInfo, Wrapper};
use std::cell::UnsafeCell;
use std::ffi::c_void;

/// Scratch outputs for buses the host gave no buffers: written by the plugin, never read.
#[derive(Default)]
struct Scratch {
    samples: Vec<f32>,
    /// Channel pointers into `samples`, a stereo pair per auxiliary output.
    ptrs: Vec<[*mut f32; 2]>,
    /// Longest block the host announced.
    max: usize,
}

/// nice-plug's VST3 wrapper of `P`, with scratch for missing auxiliary output buffers.
pub struct GuardedWrapper<P: Vst3Plugin> {
    inner: Wrapper<P>,
    /// Written in `setupProcessing` (the host is not processing then, as VST3 requires) and
    /// read in `process` (the audio thread): never at the same time.
    scratch: UnsafeCell<Scratch>,
}

// Safety: see `scratch`; the raw pointers point into `scratch.samples`, owned by the wrapper.
unsafe impl<P: Vst3Plugin> Send for GuardedWrapper<P> {}
unsafe impl<P: Vst3Plugin> Sync for GuardedWrapper<P> {}

impl<P: Vst3Plugin> Class for GuardedWrapper<P> {
    type Interfaces = (
        IComponent,
        IEditController,
        IAudioProcessor,
        IMidiMapping,
        INoteExpressionController,
        IProcessContextRequirements,
        IUnitInfo,
        IInfoListener,
    );
}

impl<P: Vst3Plugin> GuardedWrapper<P> {
    fn new() -> Self {
        GuardedWrapper { inner: Wrapper::new(), scratch: UnsafeCell::new(Scratch::default()) }
    }

    /// Auxiliary stereo outputs the plugin declares (the same in each of its layouts).
    fn aux_outputs() -> usize {
        P::AUDIO_IO_LAYOUTS.first().map_or(0, |l| l.aux_output_ports.len()).min(OUTPUTS)
    }

    /// Main thread, not processing: size the scratch for the host's longest block.
    unsafe fn setup_processing_guarded(&self, setup: *mut ProcessSetup) -> tresult {
        if let Some(setup) = unsafe { setup.as_ref() } {
            let (aux, max) = (Self::aux_outputs(), setup.maxSamplesPerBlock.max(0) as usize);
            let s = unsafe { &mut *self.scratch.get() };
            s.samples = vec![0.0; 2 * aux * max];
            let base = s.samples.as_mut_ptr();
            s.ptrs = (0..aux).map(|k| unsafe { [base.add(2 * k * max), base.add((2 * k + 1) * max)] }).collect();
            s.max = max;
        }
        unsafe { <Wrapper<P> as IAudioProcessorTrait>::setupProcessing(&self.inner, setup) }
    }

    /// Audio thread: no allocation. Completes the host's output buses with scratch buffers
    /// where it gave none, then runs nice-plug's `process`.
    unsafe fn process_guarded(&self, data: *mut ProcessData) -> tresult {
        let forward = |data| unsafe { <Wrapper<P> as IAudioProcessorTrait>::process(&self.inner, data) };
        let Some(d) = (unsafe { data.as_ref() }) else { return forward(data) };
        let s = unsafe { &mut *self.scratch.get() };
        let (aux, want) = (Self::aux_outputs(), 1 + Self::aux_outputs());
        if aux == 0 || d.outputs.is_null() || d.numOutputs < 1 || d.numSamples <= 0 || d.numSamples as usize > s.max {
            return forward(data);
        }
        let host = unsafe { std::slice::from_raw_parts(d.outputs, d.numOutputs as usize) };
        let Some(mut buses) = complete_buses(host, want, &mut s.ptrs) else { return forward(data) };
        let mut patched = *d;
        patched.numOutputs = want as i32;
        patched.outputs = buses.as_mut_ptr();
        forward(&mut patched)
    }
}

/// The output buses to hand nice-plug for a plugin with `want` stereo output buses: the host's
/// where usable, scratch pairs (`scratch[k - 1]` for bus `k`) where a bus is missing or has no
/// buffers. `None` when the host's buses are complete.
fn complete_buses(
    host: &[AudioBusBuffers],
    want: usize,
    scratch: &mut [[*mut f32; 2]],
) -> Option<[AudioBusBuffers; 1 + OUTPUTS]> {
    let want = want.min(1 + OUTPUTS).min(1 + scratch.len());
    let usable = |b: &AudioBusBuffers| b.numChannels >= 2 && unsafe { !b.__field0.channelBuffers32.is_null() };
    if host.len() >= want && host[1..want].iter().all(usable) {
        return None;
    }
    // Safety: an all-zero AudioBusBuffers is a valid (empty) bus.
    let mut buses: [AudioBusBuffers; 1 + OUTPUTS] = unsafe { std::mem::zeroed() };
    for (k, bus) in buses.iter_mut().enumerate().take(want) {
        *bus = match host.get(k) {
            Some(b) if k == 0 || usable(b) => *b,
            _ => AudioBusBuffers {
                numChannels: 2,
                silenceFlags: 0,
                __field0: AudioBusBuffers__type0 { channelBuffers32: scratch[k - 1].as_mut_ptr() },
            },
        };
    }
    Some(buses)
}

// Everything but `setupProcessing` and `process` goes to nice-plug's wrapper as it is.

impl<P: Vst3Plugin> IPluginBaseTrait for GuardedWrapper<P> {
    unsafe fn initialize(&self, context: *mut FUnknown) -> tresult {
        unsafe { <Wrapper<P> as IPluginBaseTrait>::initialize(&self.inner, context) }
    }
    unsafe fn terminate(&self) -> tresult {
        unsafe { <Wrapper<P> as IPluginBaseTrait>::terminate(&self.inner) }
    }
}

impl<P: Vst3Plugin> IComponentTrait for GuardedWrapper<P> {
    unsafe fn getControllerClassId(&self, class_id: *mut TUID) -> tresult {
        unsafe { <Wrapper<P> as IComponentTrait>::getControllerClassId(&self.inner, class_id) }
    }
    unsafe fn setIoMode(&self, mode: IoMode) -> tresult {
        unsafe { <Wrapper<P> as IComponentTrait>::setIoMode(&self.inner, mode) }
    }
    unsafe fn getBusCount(
        &self,
        type_: vst3::Steinberg::Vst::MediaType,
        dir: vst3::Steinberg::Vst::BusDirection,
    ) -> int32 {
        unsafe { <Wrapper<P> as IComponentTrait>::getBusCount(&self.inner, type_, dir) }
    }
    unsafe fn getBusInfo(
        &self,
        type_: vst3::Steinberg::Vst::MediaType,
        dir: vst3::Steinberg::Vst::BusDirection,
        index: int32,
        info: *mut vst3::Steinberg::Vst::BusInfo,
    ) -> tresult {
        unsafe { <Wrapper<P> as IComponentTrait>::getBusInfo(&self.inner, type_, dir, index, info) }
    }
    unsafe fn getRoutingInfo(
        &self,
        in_info: *mut vst3::Steinberg::Vst::RoutingInfo,
        out_info: *mut vst3::Steinberg::Vst::RoutingInfo,
    ) -> tresult {
        unsafe { <Wrapper<P> as IComponentTrait>::getRoutingInfo(&self.inner, in_info, out_info) }
    }
    unsafe fn activateBus(
        &self,
        type_: vst3::Steinberg::Vst::MediaType,
        dir: vst3::Steinberg::Vst::BusDirection,
        index: int32,
        state: TBool,
    ) -> tresult {
        unsafe { <Wrapper<P> as IComponentTrait>::activateBus(&self.inner, type_, dir, index, state) }
    }
    unsafe fn setActive(&self, state: TBool) -> tresult {
        unsafe { <Wrapper<P> as IComponentTrait>::setActive(&self.inner, state) }
    }
    unsafe fn setState(&self, state: *mut IBStream) -> tresult {
        unsafe { <Wrapper<P> as IComponentTrait>::setState(&self.inner, state) }
    }
    unsafe fn getState(&self, state: *mut IBStream) -> tresult {
        unsafe { <Wrapper<P> as IComponentTrait>::getState(&self.inner, state) }
    }
}

impl<P: Vst3Plugin> IEditControllerTrait for GuardedWrapper<P> {
    unsafe fn setComponentState(&self, state: *mut IBStream) -> tresult {
        unsafe { <Wrapper<P> as IEditControllerTrait>::setComponentState(&self.inner, state) }
    }
    unsafe fn setState(&self, state: *mut IBStream) -> tresult {
        unsafe { <Wrapper<P> as IEditControllerTrait>::setState(&self.inner, state) }
    }
    unsafe fn getState(&self, state: *mut IBStream) -> tresult {
        unsafe { <Wrapper<P> as IEditControllerTrait>::getState(&self.inner, state) }
    }
    unsafe fn getParameterCount(&self) -> int32 {
        unsafe { <Wrapper<P> as IEditControllerTrait>::getParameterCount(&self.inner) }
    }
    unsafe fn getParameterInfo(&self, param_index: int32, info: *mut ParameterInfo) -> tresult {
        unsafe { <Wrapper<P> as IEditControllerTrait>::getParameterInfo(&self.inner, param_index, info) }
    }
    unsafe fn getParamStringByValue(
        &self,
        id: ParamID,
        value_normalized: ParamValue,
        string: *mut String128,
    ) -> tresult {
        unsafe {
            <Wrapper<P> as IEditControllerTrait>::getParamStringByValue(&self.inner, id, value_normalized, string)
        }
    }
    unsafe fn getParamValueByString(
        &self,
        id: ParamID,
        string: *mut TChar,
        value_normalized: *mut ParamValue,
    ) -> tresult {
        unsafe {
            <Wrapper<P> as IEditControllerTrait>::getParamValueByString(&self.inner, id, string, value_normalized)
        }
    }
    unsafe fn normalizedParamToPlain(&self, id: ParamID, value_normalized: ParamValue) -> ParamValue {
        unsafe { <Wrapper<P> as IEditControllerTrait>::normalizedParamToPlain(&self.inner, id, value_normalized) }
    }
    unsafe fn plainParamToNormalized(&self, id: ParamID, plain_value: ParamValue) -> ParamValue {
        unsafe { <Wrapper<P> as IEditControllerTrait>::plainParamToNormalized(&self.inner, id, plain_value) }
    }
    unsafe fn getParamNormalized(&self, id: ParamID) -> ParamValue {
        unsafe { <Wrapper<P> as IEditControllerTrait>::getParamNormalized(&self.inner, id) }
    }
    unsafe fn setParamNormalized(&self, id: ParamID, value: ParamValue) -> tresult {
        unsafe { <Wrapper<P> as IEditControllerTrait>::setParamNormalized(&self.inner, id, value) }
    }
    unsafe fn setComponentHandler(&self, handler: *mut IComponentHandler) -> tresult {
        unsafe { <Wrapper<P> as IEditControllerTrait>::setComponentHandler(&self.inner, handler) }
    }
    unsafe fn createView(&self, name: FIDString) -> *mut IPlugView {
        unsafe { <Wrapper<P> as IEditControllerTrait>::createView(&self.inner, name) }
    }
}

impl<P: Vst3Plugin> IAudioProcessorTrait for GuardedWrapper<P> {
    unsafe fn setBusArrangements(
        &self,
        inputs: *mut SpeakerArrangement,
        num_ins: int32,
        outputs: *mut SpeakerArrangement,
        num_outs: int32,
    ) -> tresult {
        unsafe {
            <Wrapper<P> as IAudioProcessorTrait>::setBusArrangements(&self.inner, inputs, num_ins, outputs, num_outs)
        }
    }
    unsafe fn getBusArrangement(&self, dir: BusDirection, index: i32, arr: *mut SpeakerArrangement) -> tresult {
        unsafe { <Wrapper<P> as IAudioProcessorTrait>::getBusArrangement(&self.inner, dir, index, arr) }
    }
    unsafe fn canProcessSampleSize(&self, symbolic_sample_size: int32) -> tresult {
        unsafe { <Wrapper<P> as IAudioProcessorTrait>::canProcessSampleSize(&self.inner, symbolic_sample_size) }
    }
    unsafe fn getLatencySamples(&self) -> uint32 {
        unsafe { <Wrapper<P> as IAudioProcessorTrait>::getLatencySamples(&self.inner) }
    }
    unsafe fn setupProcessing(&self, setup: *mut ProcessSetup) -> tresult {
        unsafe { self.setup_processing_guarded(setup) }
    }
    unsafe fn setProcessing(&self, state: TBool) -> tresult {
        unsafe { <Wrapper<P> as IAudioProcessorTrait>::setProcessing(&self.inner, state) }
    }
    unsafe fn process(&self, data: *mut ProcessData) -> tresult {
        unsafe { self.process_guarded(data) }
    }
    unsafe fn getTailSamples(&self) -> uint32 {
        unsafe { <Wrapper<P> as IAudioProcessorTrait>::getTailSamples(&self.inner) }
    }
}

impl<P: Vst3Plugin> IMidiMappingTrait for GuardedWrapper<P> {
    unsafe fn getMidiControllerAssignment(
        &self,
        bus_index: int32,
        channel: int16,
        midi_cc_number: CtrlNumber,
        param_id: *mut ParamID,
    ) -> tresult {
        unsafe {
            <Wrapper<P> as IMidiMappingTrait>::getMidiControllerAssignment(
                &self.inner,
                bus_index,
                channel,
                midi_cc_number,
                param_id,
            )
        }
    }
}

impl<P: Vst3Plugin> INoteExpressionControllerTrait for GuardedWrapper<P> {
    unsafe fn getNoteExpressionCount(&self, bus_idx: int32, channel: int16) -> int32 {
        unsafe { <Wrapper<P> as INoteExpressionControllerTrait>::getNoteExpressionCount(&self.inner, bus_idx, channel) }
    }
    unsafe fn getNoteExpressionInfo(
        &self,
        bus_idx: int32,
        channel: int16,
        note_expression_idx: int32,
        info: *mut NoteExpressionTypeInfo,
    ) -> tresult {
        unsafe {
            <Wrapper<P> as INoteExpressionControllerTrait>::getNoteExpressionInfo(
                &self.inner,
                bus_idx,
                channel,
                note_expression_idx,
                info,
            )
        }
    }
    unsafe fn getNoteExpressionStringByValue(
        &self,
        bus_idx: int32,
        channel: int16,
        id: NoteExpressionTypeID,
        value: NoteExpressionValue,
        string: *mut String128,
    ) -> tresult {
        unsafe {
            <Wrapper<P> as INoteExpressionControllerTrait>::getNoteExpressionStringByValue(
                &self.inner,
                bus_idx,
                channel,
                id,
                value,
                string,
            )
        }
    }
    unsafe fn getNoteExpressionValueByString(
        &self,
        bus_idx: int32,
        channel: int16,
        id: NoteExpressionTypeID,
        string: *const TChar,
        value: *mut NoteExpressionValue,
    ) -> tresult {
        unsafe {
            <Wrapper<P> as INoteExpressionControllerTrait>::getNoteExpressionValueByString(
                &self.inner,
                bus_idx,
                channel,
                id,
                string,
                value,
            )
        }
    }
}

impl<P: Vst3Plugin> IProcessContextRequirementsTrait for GuardedWrapper<P> {
    unsafe fn getProcessContextRequirements(&self) -> uint32 {
        unsafe { <Wrapper<P> as IProcessContextRequirementsTrait>::getProcessContextRequirements(&self.inner) }
    }
}

impl<P: Vst3Plugin> IUnitInfoTrait for GuardedWrapper<P> {
    unsafe fn getUnitCount(&self) -> int32 {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::getUnitCount(&self.inner) }
    }
    unsafe fn getUnitInfo(&self, unit_index: int32, info: *mut UnitInfo) -> tresult {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::getUnitInfo(&self.inner, unit_index, info) }
    }
    unsafe fn getProgramListCount(&self) -> int32 {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::getProgramListCount(&self.inner) }
    }
    unsafe fn getProgramListInfo(&self, list_index: int32, info: *mut ProgramListInfo) -> tresult {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::getProgramListInfo(&self.inner, list_index, info) }
    }
    unsafe fn getProgramName(&self, list_id: ProgramListID, program_index: int32, name: *mut String128) -> tresult {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::getProgramName(&self.inner, list_id, program_index, name) }
    }
    unsafe fn getProgramInfo(
        &self,
        list_id: ProgramListID,
        program_index: int32,
        attribute_id: CString,
        attribute_value: *mut String128,
    ) -> tresult {
        unsafe {
            <Wrapper<P> as IUnitInfoTrait>::getProgramInfo(
                &self.inner,
                list_id,
                program_index,
                attribute_id,
                attribute_value,
            )
        }
    }
    unsafe fn hasProgramPitchNames(&self, id: ProgramListID, index: int32) -> tresult {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::hasProgramPitchNames(&self.inner, id, index) }
    }
    unsafe fn getProgramPitchName(
        &self,
        id: ProgramListID,
        index: int32,
        pitch: int16,
        name: *mut String128,
    ) -> tresult {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::getProgramPitchName(&self.inner, id, index, pitch, name) }
    }
    unsafe fn getSelectedUnit(&self) -> UnitID {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::getSelectedUnit(&self.inner) }
    }
    unsafe fn selectUnit(&self, id: UnitID) -> tresult {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::selectUnit(&self.inner, id) }
    }
    unsafe fn getUnitByBus(
        &self,
        type_: MediaType,
        dir: BusDirection,
        bus_index: int32,
        channel: int32,
        unit_id: *mut UnitID,
    ) -> tresult {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::getUnitByBus(&self.inner, type_, dir, bus_index, channel, unit_id) }
    }
    unsafe fn setUnitProgramData(&self, list_or_unit: int32, program_idx: int32, data: *mut IBStream) -> tresult {
        unsafe { <Wrapper<P> as IUnitInfoTrait>::setUnitProgramData(&self.inner, list_or_unit, program_idx, data) }
    }
}

impl<P: Vst3Plugin> IInfoListenerTrait for GuardedWrapper<P> {
    unsafe fn setChannelContextInfos(&self, list: *mut IAttributeList) -> tresult {
        unsafe { <Wrapper<P> as IInfoListenerTrait>::setChannelContextInfos(&self.inner, list) }
    }
}

/// The plugin factory: Phonon and Phonon Multi, each behind the guard.
struct Factory {
    infos: [PluginInfo; 2],
}

impl Class for Factory {
    type Interfaces = (IPluginFactory, IPluginFactory2, IPluginFactory3);
}

impl Factory {
    fn new() -> Self {
        Factory { infos: [PluginInfo::for_plugin::<Phonon>(), PluginInfo::for_plugin::<PhononMulti>()] }
    }

    fn info(&self, index: int32) -> Option<&PluginInfo> {
        usize::try_from(index).ok().and_then(|i| self.infos.get(i))
    }
}

/// Create a guarded instance of `P` and answer the host's interface query for it.
unsafe fn create<P: Vst3Plugin>(iid: FIDString, obj: *mut *mut c_void) -> tresult {
    let wrapper = ComWrapper::new(GuardedWrapper::<P>::new());
    let Some(unknown) = wrapper.as_com_ref::<FUnknown>() else { return kInvalidArgument };
    let ptr = unknown.as_ptr();
    unsafe { ((*(*ptr).vtbl).queryInterface)(ptr, iid as *const TUID, obj) }
}

impl IPluginFactoryTrait for Factory {
    unsafe fn getFactoryInfo(&self, info: *mut PFactoryInfo) -> tresult {
        if info.is_null() {
            return kInvalidArgument;
        }
        unsafe { *info = self.infos[0].create_factory_info() };
        kResultOk
    }

    unsafe fn countClasses(&self) -> int32 {
        self.infos.len() as int32
    }

    unsafe fn getClassInfo(&self, index: int32, info: *mut PClassInfo) -> tresult {
        match self.info(index) {
            Some(i) if !info.is_null() => {
                unsafe { *info = i.create_class_info() };
                kResultOk
            }
            _ => kInvalidArgument,
        }
    }

    unsafe fn createInstance(&self, cid: FIDString, iid: FIDString, obj: *mut *mut c_void) -> tresult {
        if cid.is_null() || obj.is_null() {
            return kInvalidArgument;
        }
        let cid = unsafe { &*(cid as *const [u8; 16]) };
        if cid == self.infos[0].cid {
            unsafe { create::<Phonon>(iid, obj) }
        } else if cid == self.infos[1].cid {
            unsafe { create::<PhononMulti>(iid, obj) }
        } else {
            kInvalidArgument
        }
    }
}

impl IPluginFactory2Trait for Factory {
    unsafe fn getClassInfo2(&self, index: int32, info: *mut PClassInfo2) -> tresult {
        match self.info(index) {
            Some(i) if !info.is_null() => {
                unsafe { *info = i.create_class_info_2() };
                kResultOk
            }
            _ => kInvalidArgument,
        }
    }
}

impl IPluginFactory3Trait for Factory {
    unsafe fn getClassInfoUnicode(&self, index: int32, info: *mut PClassInfoW) -> tresult {
        match self.info(index) {
            Some(i) if !info.is_null() => {
                unsafe { *info = i.create_class_info_unicode() };
                kResultOk
            }
            _ => kInvalidArgument,
        }
    }

    unsafe fn setHostContext(&self, _context: *mut FUnknown) -> tresult {
        kResultOk
    }
}

/// The VST3 plugin factory entry point.
#[unsafe(no_mangle)]
pub extern "system" fn GetPluginFactory() -> *mut c_void {
    ComWrapper::new(Factory::new())
        .to_com_ptr::<IPluginFactory>()
        .map_or(std::ptr::null_mut(), |p| p.into_raw() as *mut c_void)
}

/// Module entry on Linux and the BSDs.
#[unsafe(no_mangle)]
#[cfg(all(target_family = "unix", not(target_os = "macos")))]
pub extern "C" fn ModuleEntry(_lib_handle: *mut c_void) -> bool {
    setup_logging();
    true
}

#[unsafe(no_mangle)]
#[cfg(all(target_family = "unix", not(target_os = "macos")))]
pub extern "C" fn ModuleExit() -> bool {
    true
}

/// Module entry on macOS.
#[unsafe(no_mangle)]
#[cfg(target_os = "macos")]
pub extern "C" fn bundleEntry(_lib_handle: *mut c_void) -> bool {
    setup_logging();
    true
}

#[unsafe(no_mangle)]
#[cfg(target_os = "macos")]
pub extern "C" fn bundleExit() -> bool {
    true
}

/// Module entry on Windows.
#[unsafe(no_mangle)]
#[cfg(target_os = "windows")]
pub extern "system" fn InitDll() -> bool {
    setup_logging();
    true
}

#[unsafe(no_mangle)]
#[cfg(target_os = "windows")]
pub extern "system" fn ExitDll() -> bool {
    true
}

fn setup_logging() {
    nice_plug::wrapper::setup_logger::<Phonon>();
    nice_plug::wrapper::setup_logger::<PhononMulti>();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bus(channels: i32, ptrs: *mut *mut f32) -> AudioBusBuffers {
        AudioBusBuffers {
            numChannels: channels,
            silenceFlags: 0,
            __field0: AudioBusBuffers__type0 { channelBuffers32: ptrs },
        }
    }

    fn ptrs_of(b: &AudioBusBuffers) -> *mut *mut f32 {
        unsafe { b.__field0.channelBuffers32 }
    }

    #[test]
    fn complete_hosts_are_left_alone_and_gaps_get_scratch() {
        let mut buf = [0.0f32; 64];
        let mut chans = [buf.as_mut_ptr(), buf.as_mut_ptr()];
        let mut scratch = [[std::ptr::null_mut::<f32>(); 2]; OUTPUTS];
        let want = 1 + OUTPUTS;
        let full: Vec<AudioBusBuffers> = (0..want).map(|_| bus(2, chans.as_mut_ptr())).collect();
        assert!(complete_buses(&full, want, &mut scratch).is_none());

        // Buses present without buffers (pedalboard): the main bus stays, the rest is scratch.
        let mut empty = full.clone();
        for b in &mut empty[1..] {
            *b = bus(0, std::ptr::null_mut());
        }
        let done = complete_buses(&empty, want, &mut scratch).expect("completed");
        assert_eq!(ptrs_of(&done[0]), chans.as_mut_ptr());
        for k in 1..want {
            assert_eq!(done[k].numChannels, 2);
            assert_eq!(ptrs_of(&done[k]), scratch[k - 1].as_mut_ptr());
        }

        // Fewer buses than declared: all of them are handed over.
        let done = complete_buses(&full[..1], want, &mut scratch).expect("completed");
        assert!((1..want).all(|k| ptrs_of(&done[k]) == scratch[k - 1].as_mut_ptr()));
        // A stereo plugin has nothing to complete.
        assert!(complete_buses(&full[..1], 1, &mut scratch).is_none());
    }
}
