-- Macros: the plugin's parameters 1..4 as smoothed signals; automate them in the DAW to morph pitch, tone, tempo feel and drum level live.
bpm: 120
-- Macro 1 (0..1) bends the drone from 55 Hz up an octave.
~drone: sine (param 1 * 55 + 55) * 0.15 + sine (param 1 * 110 + 110) * 0.05
-- Macro 2 opens the tremolo from still to fast.
~trem: sine (param 2 * 8 + 0.25) * 0.5 + 0.5
-- Macro 4 opens the lead's filter.
~lead: note "<[e5 g5 b5 ~] [d5 ~ a5 g5]>" # s "superpiano" # amp 0.2
~bright: ~lead # lpf (param 4 * 6000 + 400)
-- Macro 3 fades the drums in; at 0 they are quiet, not gone.
~drums: s "bd [~ hh] sn [~ hh]" # amp 1.23
out: ~drone + ~bright * ~trem + ~drums * (param 3 * 0.8 + 0.2)
