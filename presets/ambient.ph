-- Ambient: slow piano chords in a large reverb, a breathing drone of detuned sines, random bells echoing across the stereo field, and a toll on each cycle.
tempo: 0.125
~breath: sine 0.05 * 0.5 + 0.5
~drone: (sine 55 + sine 55.3 * 0.8 + sine 82.6 * 0.4) * (~breath * 0.06 + 0.03)
~chords: note "<c4'maj7 a3'min7 f3'maj7 g3'sus4>" # s "superpiano" # attack 1.5 # release 4 # legato 1 # amp 0.5 # room 0.5 # size 0.9
~pad: note "<[c5 e5 g5 b5] [a4 c5 e5 g5] [f4 a4 c5 e5] [g4 c5 d5 g5]>" # s "supersaw" # lpf 900 # attack 0.6 # release 1.5 # amp 0.1
~bells: jux rev $ degradeBy 0.4 $ n (scale "<c:major a:minor>" "0 .. 7") # s "superfm" # octave 9 # amp 0.1 # release 2 # delay 0.4 # delaytime 0.6 # delayfeedback 0.5
~toll: note "<[e6 ~] [g6 ~] [b6 ~] [d6 ~]>" # s "superfm" # amp 0.16 # release 2
out: (~drone + ~chords + ~pad + ~bells + ~toll) # reverb mix:0.25 decay:6
