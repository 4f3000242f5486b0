-- W2 "sampler polyphony": 16 triggers a second of the one-shot sample `oneshot` (written by
-- gen_sample.py, loaded with --samples DIR where DIR/oneshot/oneshot.wav), each at amp 0.1 (linear),
-- pitched by the 32-step semitone pattern (`note` counts semitones from the sample's pitch),
-- playing to its end. Render 60 s at 44100 Hz; expected RMS about 0.048.
tempo: 0.5
out: note "-9 -2 5 12 -6 1 8 -10 -3 4 11 -7 0 7 -11 -4 3 10 -8 -1 6 -12 -5 2 9 -9 -2 5 12 -6 1 8" # s "oneshot" # amp 0.1
