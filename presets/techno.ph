-- Techno: a driving kick, rimshots off the grid, sixteenth hats with accents, a resonant FM stab and a low square bass.
bpm: 132
~kick: s "bd bd bd bd" # gain 0.38
~rim: s "[~ ~ rim ~] [~ rim ~ ~] [~ ~ ~ rim] [~ rim ~ rim]" # gain 0.16
~hats: s "[hh hh hh hh] [hh hh hh hh] [hh hh hh hh] [hh hh hh hh]" # gain "[0.08 0.08 0.16 0.08]"
~ride: s "<~ [~ cy ~ ~]>" # gain 0.06
~stab: n "<[~ 0 ~ ~] [~ ~ 3 ~] [~ 0 ~ 7] [~ ~ -2 ~]>" # s "superfm" # octave 4 # lpf 1800 # gain 0.35 # release 0.12
~bass: note "[f1 ~ f1 f1] [~ f1 ~ f1] [f1 ~ f1 ab1] [~ f1 ~ c2]" # s "supersquare" # lpf 300 # resonance 0.5 # gain 0.24 # release 0.08
out: ~kick + ~rim + ~hats + ~ride + ~stab + ~bass
