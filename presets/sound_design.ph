-- Sound design: FM and ring modulation from plain sines, a sweeping formant choir, crushed and shaped drums, a moog-filtered saw, and a self-resonating feedback comb.
tempo: 0.25
-- FM: a sine whose frequency swings around 220 Hz at an audio rate.
~fm: sine (sine 110.5 * 180 + 220) * 0.09
-- Ring modulation: two sines multiplied give their sum and difference.
~ring: sine 330 * sine 47 * (sine 0.5 * 0.05 + 0.06)
~choir: note "<[a4 c5] [f4 a4]>" # s "supersaw" # vowel "<a e i o>" # attack 0.4 # release 1.2 # amp 0.07
~drums: s "[bd ~ ~ bd] [~ sn:3 ~ ~] [bd ~ bd ~] [~ cp ~ ~]" # crush "<8 6 5 7>" # shape 0.4 # amp 0.51 # legato 1
-- A band-limited saw through a ladder filter whose cutoff is a pattern, then a stereo chorus.
~growl: saw "<55 65.4 49 73.4>" * 0.12 # moog "200 800 400 1600" 0.6 # chorus
-- A loop through itself rings at the engine block's rate: pitched resonance from a tick.
~comb: (s "[rim ~ ~ ~] [~ ~ rim ~]" # amp 0.4) + ~comb * 0.8
out: ~fm + ~ring + ~choir + ~drums + ~growl + ~comb * 0.4
