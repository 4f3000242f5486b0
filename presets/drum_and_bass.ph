-- Drum and bass: a two-step break at 172 BPM, ghost snares, rolling hats, a sine sub and a filtered reese above it.
bpm: 172
~kick: s "bd ~ ~ ~ ~ bd ~ ~" # gain 0.36
~snare: s "~ ~ sn ~ ~ ~ sn ~" # gain 0.32
~ghost: s "[~ ~ ~ ~] [~ ~ ~ sn:1] [~ ~ ~ ~] [~ sn:1 ~ ~]" # gain 0.08
~hats: s "[hh hh] [hh hh] [hh hh] [hh hh] [hh hh] [hh hh] [hh oh] [hh hh]" # gain "[0.14 0.07]"
~sub: sine "<[55 ~ ~ ~ 55 ~ 41.2 ~] [49 ~ ~ ~ 49 ~ 61.7 ~]>" * 0.18
~reese: note "<[a1 ~ ~ ~ a1 ~ e1 ~] [g1 ~ ~ ~ g1 ~ b1 ~]>" # s "supersaw" # lpf 380 # gain 0.12 # legato 1
out: ~kick + ~snare + ~ghost + ~hats + ~sub + ~reese
