-- MIDI: notes held on the plugin's MIDI input play the piano and transpose an arpeggio; a bass line goes out on MIDI channel 2 for another instrument.
bpm: 110
~played: midi # s "superpiano" # amp 0.25
~arp: note "[0 7 12 7] [0 7 12 19]" |+ midi # s "superfm" # octave 5 # amp 0.08
-- Sent to the DAW on MIDI channel 2 instead of sounding here.
~toDaw: note "<[c3 ~ c3 g2] [bb2 ~ bb2 f2]>" # midiout 2
~drums: s "bd [~ hh] [~ bd] [sn hh]" # amp 1.01
out: ~played + ~arp + ~drums + ~toDaw
