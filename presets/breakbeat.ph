-- Breakbeat: a syncopated kick, backbeat snares with ghost notes, swung hats, a chopped perc fill every fourth cycle, and a pulse-width bass.
bpm: 112
~kick: s "[bd ~ ~ bd] [~ ~ bd ~] [~ bd ~ ~] [~ ~ ~ ~]" # amp 0.85
~snare: s "~ sn ~ [sn ~ ~ sn:2]" # amp "[0.75 0.75 0.75 0.25]"
~hats: swingBy (1/3) 4 $ s "hh*8" # amp "[0.6 0.28]"
~perc: whenmod 4 3 (chop 4) $ s "<~ [~ ~ ~ perc]>" # amp 0.5
~bass: note "[e2 ~ ~ e2] [~ ~ g2 ~] [~ a2 ~ ~] [~ ~ b2 d3]" # s "superpwm" # lpf 600 # amp 0.3 # release 0.2
out: ~kick + ~snare + ~hats + ~perc + ~bass
