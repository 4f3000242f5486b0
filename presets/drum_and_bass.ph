-- Drum and bass: a two-step break at 172 BPM, ghost snares that sometimes roll, fast hats, a sine sub and a moving reese.
bpm: 172
~kick: s "bd ~ ~ ~ ~ bd ~ ~" # amp 0.85
~snare: s "~ ~ sn ~ ~ ~ sn ~" # amp 0.8 # room 0.15
~ghost: sometimesBy 0.3 (ply 2) $ s "[~ ~ ~ ~] [~ ~ ~ sn:1] [~ ~ ~ ~] [~ sn:1 ~ ~]" # amp 0.2
~hats: s "hh*16" # amp "0.56 0.28" # speed "1 1.2"
~sub: sine "<[55 ~ ~ ~ 55 ~ 41.2 ~] [49 ~ ~ ~ 49 ~ 61.7 ~]>" * 0.18
~reese: note "<[a2 ~ ~ ~ a2 ~ e2 ~] [g2 ~ ~ ~ g2 ~ b2 ~]>" # s "supersaw" # amp 0.14 # legato 1
out: ~kick + ~snare + ~ghost + ~hats + ~sub + (~reese # lpf (sine 0.25 * 250 + 450) q:1.5)
