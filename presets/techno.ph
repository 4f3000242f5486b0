-- Techno: a driving kick, euclidean rimshots, accented sixteenth hats that double every fourth bar, an FM stab through a sweeping filter, and a low square bass.
bpm: 132
~kick: s "bd*4" # amp 0.9
~rim: s "rim(5,16,<0 2>)" # amp 0.43
~hats: every 4 (fast 2) $ s "hh*16" # amp "0.32 0.32 0.64 0.32"
~ride: s "<~ [~ cy ~ ~]>" # amp 0.18
~stabs: n "<[~ 0 ~ ~] [~ ~ 3 ~] [~ 0 ~ 7] [~ ~ -2 ~]>" # s "superfm" # octave 4 # amp 0.4 # release 0.12
-- The stab bus through a filter swept by a slow sine: a signal as a parameter.
~stab: ~stabs # lpf (sine 0.07 * 1400 + 1700) q:2
~bass: note "[f2 ~ f2 f2] [~ f2 ~ f2] [f2 ~ f2 ab2] [~ f2 ~ c3]" # s "supersquare" # lpf 300 # resonance 0.5 # amp 0.24 # release 0.08
out: ~kick + ~rim + ~hats + ~ride + ~stab + ~bass
